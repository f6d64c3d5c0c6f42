"""The one write path (db/load.py): what it stores must not depend on the order plans arrive in."""

from __future__ import annotations

import hashlib

import sqlite_utils
from actionplans.db import load, schema
from actionplans.schemas.models import Action, Document, Metadata, Owner, Recommendation, Source


def _plan(name: str, owners: list[Owner]) -> Document:
    """A one-recommendation plan whose actions each name one of `owners`."""
    actions = [Action(text=f"Action {i}.", owners=[o.text], owner_text=o.text, owner_details=[o], page=1)
               for i, o in enumerate(owners, start=1)]
    return Document(source=Source(path=f"{name}.pdf", sha256=hashlib.sha256(name.encode()).hexdigest(), pages=1),
                    metadata=Metadata(title=f"Sample plan {name}", establishment=f"HMP {name}"),
                    recommendations=[Recommendation(ref="1", text="Leaders should act.", pages=[1], actions=actions)])


def _owners(path, plans: list[Document]) -> list[tuple]:
    db = sqlite_utils.Database(path)
    schema.ensure(db)
    for plan in plans:
        load.save(db, plan)
    rows = list(db.execute("SELECT * FROM owners ORDER BY id").fetchall())
    db.close()
    return rows


def test_an_owners_row_is_the_same_whatever_order_the_plans_came_in(tmp_path):
    """One post, printed with a provider at one prison, another provider at another and in other capitals: its
    row reads as its first printing in alphabetical order; each mention keeps its own provider."""
    role = dict(role="Head of Healthcare", level="health_provider", known=True)
    a = _plan("Alpha", [Owner(text="Head of Healthcare (Acme Health)", organisation="Acme Health", **role)] * 2)
    b = _plan("Bravo", [Owner(text="Head of healthcare (Bolt Care)", organisation="Bolt Care", **role),
                        Owner(text="Equalities lead")])
    c = _plan("Charlie", [Owner(text="Equalities Lead")])
    first = _owners(tmp_path / "abc.db", [a, b, c])
    assert first == _owners(tmp_path / "cba.db", [c, b, a]) == _owners(tmp_path / "bca.db", [b, c, a])
    head = next(r for r in first if r[0] == "head-of-healthcare")
    assert head[1:] == ("Head of Healthcare", "Head of Healthcare", "health_provider", "Acme Health", 1)
    lead = next(r for r in first if r[0] == "equalities-lead")
    assert lead[1] == "Equalities Lead"  # of two printings, the first alphabetically: never the one saved last
    db = sqlite_utils.Database(tmp_path / "abc.db")
    assert [dict(r) for r in db.query("SELECT owner, organisations, actions, plans FROM owner_actions "
                                      "WHERE owner = 'Head of Healthcare'")] == [
        {"owner": "Head of Healthcare", "organisations": "Acme Health; Bolt Care", "actions": 3, "plans": 2}]


def test_an_owners_row_follows_its_mentions_when_plans_are_replaced(tmp_path):
    db = sqlite_utils.Database(tmp_path / "x.db")
    schema.ensure(db)
    role = dict(role="Head of Healthcare", level="health_provider", known=True)
    load.save(db, _plan("Alpha", [Owner(text="Head of Healthcare (Acme Health)", organisation="Acme Health", **role)]),
              location="one.pdf")
    load.save(db, _plan("Bravo", [Owner(text="Head of Healthcare (Zeta Care)", organisation="Zeta Care", **role),
                                  Owner(text="Head of Healthcare", **role)]), location="two.pdf")
    assert db.execute("SELECT organisation FROM owners WHERE id = 'head-of-healthcare'").fetchone() == (None,)
    assert sorted(db.execute("SELECT text, organisation FROM action_owners").fetchall()) == [
        ("Head of Healthcare", None), ("Head of Healthcare (Acme Health)", "Acme Health"),
        ("Head of Healthcare (Zeta Care)", "Zeta Care")]
    # The second plan replaced by a new version: the owner's row reads as the mentions left.
    load.save(db, _plan("Bravo 2", [Owner(text="Equalities Lead")]), location="two.pdf")
    assert db.execute("SELECT organisation FROM owners WHERE id = 'head-of-healthcare'").fetchone() == ("Acme Health",)
    load.save(db, _plan("Alpha 2", [Owner(text="Equalities Lead")]), location="one.pdf")
    assert db.execute("SELECT id FROM owners").fetchall() == [("equalities-lead",)]

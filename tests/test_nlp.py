"""Verbs, form, themes and groups over tests/data/actions.tsv and themes.tsv, for both pipelines;
annotate() over a small Document."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from actionplans.extract.dates import parse_target_date
from actionplans.extract.nlp import _model_available, analyse, annotate, pipeline_variant
from actionplans.schemas import Action, Document, Recommendation, Source

DATA = Path(__file__).parent / "data"
VARIANTS = ["rules", pytest.param("trained", marks=pytest.mark.skipif(
    not _model_available(), reason="trained pipeline package not installed"))]


def _rows(name):
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader([x for x in f if not x.startswith("#")], delimiter="\t",
                                   quoting=csv.QUOTE_NONE))


def _items(value):
    return [] if value in ("-", "") else [v.strip() for v in value.split(",")]


ACTIONS = _rows("actions.tsv")
THEMES = _rows("themes.tsv")


def _known_wrong(kind: str, variant: str) -> set[int]:
    """Indices of labelled items a pipeline still reads wrongly (listed in data/known_wrong.tsv)."""
    out = set()
    for r in _rows("known_wrong.tsv"):
        if r["set"] == kind and r["variant"] == variant:
            out.add(int(r["index"]))
    return out


@pytest.fixture(scope="module", params=VARIANTS)
def results(request):
    variant = request.param
    return variant, analyse([r["text"] for r in ACTIONS], variant), analyse([r["text"] for r in THEMES], variant)


def _check(kind, variant, index, ok):
    if index in _known_wrong(kind, variant):
        if ok:
            pytest.fail(f"{kind} #{index} is listed as wrong for {variant} but is now right: update known_wrong.tsv")
        pytest.xfail(f"known wrong: {kind} #{index} ({variant})")
    assert ok


@pytest.mark.parametrize("i", range(len(ACTIONS)))
def test_verbs(results, i):
    variant, acts, _ = results
    _check("verbs", variant, i, acts[i].verbs == _items(ACTIONS[i]["verbs"]))


@pytest.mark.parametrize("i", range(len(ACTIONS)))
def test_form(results, i):
    variant, acts, _ = results
    _check("form", variant, i, acts[i].form == ACTIONS[i]["form"])


@pytest.mark.parametrize("i", range(len(THEMES)))
def test_themes_and_groups(results, i):
    variant, _, th = results
    _check("themes", variant, i, sorted(th[i].themes) == sorted(_items(THEMES[i]["themes"])))
    _check("groups", variant, i, sorted(th[i].groups) == sorted(_items(THEMES[i]["groups"])))


def test_labelled_sets_are_large_enough():
    assert len(ACTIONS) >= 120
    assert len(THEMES) >= 60


def test_variant_selection(monkeypatch):
    monkeypatch.setenv("ACTIONPLANS_NLP", "rules")
    assert pipeline_variant() == "rules"
    monkeypatch.setenv("ACTIONPLANS_NLP", "trained")
    assert pipeline_variant() == ("trained" if _model_available() else "rules")


def _document() -> Document:
    base = dt.date(2020, 12, 18)
    actions = [
        Action(text="To improve rehabilitative culture across the prison estate, HMPPS will:", kind="lead", page=1),
        Action(text="A handbook for all establishments.", kind="bullet", page=1,
               owners=["Executive Director Public Sector Prisons North", "Rehabilitation Lead"],
               target_date=parse_target_date("July 2021", base)),
        Action(text="Establishments will hold quarterly engagement forums with BME and GRT prisoners.", kind="bullet",
               page=1, owners=["Rehabilitation and Care Services Group"],
               target_date=parse_target_date("Completed and ongoing", base)),
    ]
    rec = Recommendation(ref="1", text="Use of force on black prisoners should be monitored.", pages=[1],
                         actions=actions)
    return Document(source=Source(path="x.pdf", sha256="0" * 64, pages=1), recommendations=[rec])


def test_annotate_fills_actions_and_recommendations():
    doc = annotate(_document(), as_of=dt.date(2021, 9, 1))
    rec = doc.recommendations[0]
    assert "use_of_force" in rec.themes and "black" in rec.groups
    lead, handbook, forums = rec.actions
    assert lead.form == "planned"
    assert handbook.form == "planned"  # a bullet under "HMPPS will:" is a commitment
    assert forums.verbs == ["hold"] and forums.form == "planned"
    assert {"bme", "grt"} <= set(forums.groups)
    assert [o.role for o in handbook.owner_details] == ["Executive Director, Public Sector Prisons North",
                                                        "Rehabilitation Lead"]
    assert handbook.audit.has_owner and handbook.audit.named_post and handbook.audit.time_bound
    assert handbook.audit.overdue is True and handbook.audit.as_of == dt.date(2021, 9, 1)
    assert forums.audit.completed and not forums.audit.named_post and forums.audit.overdue is False
    assert lead.audit.has_owner is False and lead.audit.time_bound is False


def test_annotate_without_as_of_leaves_overdue_open():
    doc = annotate(_document())
    assert all(a.audit.overdue is None for a in doc.recommendations[0].actions)

"""What the site's reading pages show, read from the database: a plan, a prison, a theme or group, an owner.

In: a Datasette `Database` (read-only), the key of the page (a document id, an establishment's slug, a
theme or group key, an owner id) and the date to count overdue actions against. Out: plain dicts and lists
the templates render (or None when the database holds no such thing, which the site answers with a 404).
Every count of overdue actions is taken as of the date given; the templates print what overdue means.
"""

from __future__ import annotations

import json
import re

from . import vocabulary
from .schema import AGREED, NOT_AGREED, PARTLY, _in, decision_group, overdue

# The three answers a plan gives, in the order pages list them, with the decisions each covers.
ANSWERS = [("agreed", "Agreed", AGREED), ("partly agreed", "Partly agreed", PARTLY),
           ("not agreed", "Not agreed", NOT_AGREED), ("none printed", "No decision printed", ())]
OVERDUE = overdue(":as_of")
_LATE_DAYS = "CAST(julianday(:as_of) - julianday(a.due) AS INTEGER)"


def slug(text: str | None) -> str:
    """'HMP Ashcombe' -> 'hmp-ashcombe': an establishment's name as a URL part."""
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")


async def _rows(db, sql: str, params: dict | list | None = None) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params or {})).rows]


def _shares(counts: dict[str, int]) -> list[dict]:
    """Decision counts -> one entry per answer with its share of the total (for bars and tables)."""
    total = sum(counts.values()) or 1
    return [{"key": key, "label": name, "n": counts.get(key, 0), "pct": round(100 * counts.get(key, 0) / total)}
            for key, name, _ in ANSWERS]


async def needs_review(db, document_id: str | None = None) -> int | None:
    """How many records the extractor doubted (the `needs_review` view, when the database has it; else None)."""
    if "needs_review" not in await db.view_names():
        return None
    where, params = ("WHERE document_id = :id", {"id": document_id}) if document_id else ("", {})
    return (await db.execute(f"SELECT count(*) FROM needs_review {where}", params)).rows[0][0]


async def has_provenance(db) -> bool:
    return "provenance" in [c for c in await db.table_columns("documents")]


async def plan(db, document_id: str, as_of: str) -> dict | None:
    """A plan: its header, decision counts, every recommendation with its actions, owners and overdue marks."""
    docs = await _rows(db, "SELECT * FROM documents WHERE id = :id", {"id": document_id})
    if not docs:
        return None
    doc = docs[0]
    doc.setdefault("provenance", None)
    recs = await _rows(db, f"""SELECT r.*, {decision_group()} AS answer FROM recommendations r
        WHERE r.document_id = :id ORDER BY r.position""", {"id": document_id})
    actions = await _rows(db, f"""SELECT a.*, {OVERDUE} AS late, {_LATE_DAYS} AS days_late FROM actions a
        WHERE a.document_id = :id ORDER BY a.recommendation_id, a.position""", {"id": document_id, "as_of": as_of})
    owners = await _rows(db, """SELECT ao.action_id, ao.text, ao.owner_id FROM action_owners ao
        WHERE ao.document_id = :id ORDER BY ao.action_id, ao.position""", {"id": document_id})
    by_action: dict[str, list[dict]] = {}
    for o in owners:
        by_action.setdefault(o["action_id"], []).append(o)
    by_rec: dict[str, list[dict]] = {}
    for a in actions:
        a["owners"] = by_action.get(a["id"], [])
        by_rec.setdefault(a["recommendation_id"], []).append(a)
    for r in recs:
        r["actions_list"] = by_rec.get(r["id"], [])
        r["theme_keys"] = json.loads(r["themes"] or "[]") + json.loads(r["groups"] or "[]")
        r["late"] = sum(bool(a["late"]) for a in r["actions_list"])
    counts: dict[str, int] = {}
    for r in recs:
        counts[r["answer"]] = counts.get(r["answer"], 0) + 1
    siblings = []
    if doc.get("establishment"):
        siblings = await _rows(db, """SELECT id, title, submitted FROM documents WHERE establishment = :e
            AND id != :id ORDER BY submitted""", {"e": doc["establishment"], "id": document_id})
    return {"doc": doc, "recs": recs, "answers": _shares(counts),
            "actions": len(actions), "late": sum(bool(a["late"]) for a in actions),
            "dated": sum(a["due"] is not None for a in actions),
            "no_owner": sum(not a["has_owner"] for a in actions), "siblings": siblings,
            "review": await needs_review(db, document_id),
            "prison_slug": slug(doc.get("establishment"))}


async def establishments(db) -> list[dict]:
    """Every establishment with its plans and the latest plan's date, for the home page and prison pages."""
    rows = await _rows(db, """SELECT establishment, count(*) AS plans, min(submitted) AS first, max(submitted) AS last,
        sum(coalesce(provenance, '') = 'sample') AS samples
        FROM documents WHERE establishment IS NOT NULL GROUP BY establishment ORDER BY establishment""") \
        if await has_provenance(db) else await _rows(db, """SELECT establishment, count(*) AS plans,
        min(submitted) AS first, max(submitted) AS last, 0 AS samples FROM documents
        WHERE establishment IS NOT NULL GROUP BY establishment ORDER BY establishment""")
    for r in rows:
        r["slug"] = slug(r["establishment"])
    return rows


async def prison(db, prison_slug: str, as_of: str) -> dict | None:
    """One prison or service: its plans over time with how each was answered and what is overdue."""
    names = [e["establishment"] for e in await establishments(db) if e["slug"] == prison_slug]
    if not names:
        return None
    plans = await _rows(db, f"""SELECT d.*,
        (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id AND r.decision IN {_in(AGREED)}) AS agreed,
        (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id AND r.decision IN {_in(PARTLY)}) AS partly,
        (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id AND r.decision IN {_in(NOT_AGREED)})
          AS not_agreed,
        (SELECT count(*) FROM actions a WHERE a.document_id = d.id AND {OVERDUE}) AS late
        FROM documents d WHERE d.establishment = :e ORDER BY d.submitted IS NULL, d.submitted, d.title""",
                        {"e": names[0], "as_of": as_of})
    for p in plans:
        p.setdefault("provenance", None)
    contested = await _rows(db, f"""SELECT r.id, r.ref, r.text, r.decision, r.first_page, d.id AS document_id,
        d.title, d.submitted FROM recommendations r JOIN documents d ON d.id = r.document_id
        WHERE d.establishment = :e AND r.decision IN {_in(PARTLY + NOT_AGREED)}
        ORDER BY d.submitted, r.position""", {"e": names[0]})
    return {"name": names[0], "plans": plans, "contested": contested,
            "samples": sum(p["provenance"] == "sample" for p in plans)}


def _tagged(alias: str = "r") -> str:
    """SQL true for a recommendation tagged with :key, itself or through one of its actions."""
    return (f"(EXISTS (SELECT 1 FROM json_each({alias}.themes) WHERE value = :key)"
            f" OR EXISTS (SELECT 1 FROM json_each({alias}.groups) WHERE value = :key)"
            f" OR EXISTS (SELECT 1 FROM actions x, json_each(x.themes) j WHERE x.recommendation_id = {alias}.id"
            " AND j.value = :key)"
            f" OR EXISTS (SELECT 1 FROM actions x, json_each(x.groups) j WHERE x.recommendation_id = {alias}.id"
            " AND j.value = :key))")


async def theme(db, key: str, as_of: str) -> dict | None:
    """A theme or group across plans: its recommendations, how they were answered, actions due and overdue,
    year by year (the year each plan was submitted)."""
    kind = vocabulary.kind_of(key)
    if kind is None:
        return None
    recs = await _rows(db, f"""SELECT r.id, r.ref, r.text, r.decision, {decision_group()} AS answer, r.first_page,
        r.themes, r.groups, d.id AS document_id, d.title, d.establishment, d.submitted, d.provenance,
        substr(coalesce(d.submitted, ''), 1, 4) AS year,
        (SELECT count(*) FROM actions a WHERE a.recommendation_id = r.id) AS actions,
        (SELECT count(*) FROM actions a WHERE a.recommendation_id = r.id AND a.due IS NOT NULL) AS dated,
        (SELECT count(*) FROM actions a WHERE a.recommendation_id = r.id AND {OVERDUE}) AS late
        FROM recommendations r JOIN documents d ON d.id = r.document_id WHERE {_tagged()}
        ORDER BY d.submitted IS NULL, d.submitted, d.title, r.position""", {"key": key, "as_of": as_of})
    counts: dict[str, int] = {}
    years: dict[str, dict] = {}
    for r in recs:
        counts[r["answer"]] = counts.get(r["answer"], 0) + 1
        y = years.setdefault(r["year"] or "no date", {"year": r["year"] or "no date", "recs": 0, "actions": 0,
                                                        "dated": 0, "late": 0, "answers": {}})
        y["recs"] += 1
        y["actions"] += r["actions"]
        y["dated"] += r["dated"]
        y["late"] += r["late"]
        y["answers"][r["answer"]] = y["answers"].get(r["answer"], 0) + 1
    for y in years.values():
        y["shares"] = _shares(y["answers"])
    return {"key": key, "kind": kind, "label": vocabulary.label(key), "phrases": vocabulary.phrases(kind)[key],
            "recs": recs, "answers": _shares(counts), "years": sorted(years.values(), key=lambda y: y["year"]),
            "actions": sum(r["actions"] for r in recs), "dated": sum(r["dated"] for r in recs),
            "late": sum(r["late"] for r in recs), "plans": len({r["document_id"] for r in recs}),
            "samples": sum(r["provenance"] == "sample" for r in recs)}


async def theme_counts(db) -> list[dict]:
    """Every theme and group with the recommendations tagged with it (themselves or through their actions)."""
    out = []
    for kind in ("themes", "groups"):
        for key in vocabulary.keys(kind):
            n = (await db.execute(f"SELECT count(*) FROM recommendations r WHERE {_tagged()}", {"key": key})).rows[0][0]
            out.append({"key": key, "kind": kind, "label": vocabulary.label(key), "n": n,
                        "manifesto": key in vocabulary.MANIFESTO})
    return out


async def owner(db, owner_id: str, as_of: str) -> dict | None:
    """An owner role: every action printed beside it, which are overdue, across plans."""
    rows = await _rows(db, "SELECT * FROM owners WHERE id = :id", {"id": owner_id})
    if not rows:
        return None
    actions = await _rows(db, f"""SELECT a.id, a.text, a.target_text, a.due, a.status, a.page, {OVERDUE} AS late,
        {_LATE_DAYS} AS days_late, ao.text AS as_printed, r.id AS recommendation_id, r.ref, r.decision,
        d.id AS document_id, d.title, d.establishment, d.submitted, d.provenance
        FROM action_owners ao JOIN actions a ON a.id = ao.action_id JOIN recommendations r ON r.id = a.recommendation_id
        JOIN documents d ON d.id = a.document_id WHERE ao.owner_id = :id
        ORDER BY late DESC, a.due IS NULL, a.due, d.title, a.id""", {"id": owner_id, "as_of": as_of})
    return {"owner": rows[0], "actions": actions, "late": sum(bool(a["late"]) for a in actions),
            "dated": sum(a["due"] is not None for a in actions),
            "plans": len({a["document_id"] for a in actions}),
            "samples": sum(a["provenance"] == "sample" for a in actions)}


async def owners(db, as_of: str) -> list[dict]:
    return await _rows(db, f"""SELECT o.id, o.name, o.level, count(*) AS actions,
        count(DISTINCT ao.document_id) AS plans, sum({OVERDUE}) AS late
        FROM action_owners ao JOIN owners o ON o.id = ao.owner_id JOIN actions a ON a.id = ao.action_id
        GROUP BY o.id ORDER BY actions DESC, o.name""", {"as_of": as_of})


async def home(db, as_of: str, real_only: bool) -> dict:
    """The home page's figures (for real plans only when asked) and its lists of plans, themes and owners."""
    prov = await has_provenance(db)
    where = "WHERE coalesce(d.provenance, '') != 'sample'" if real_only and prov else ""
    figures = (await _rows(db, f"""SELECT count(*) AS plans, coalesce(sum(d.recommendations), 0) AS recommendations,
        coalesce(sum(d.actions), 0) AS actions,
        (SELECT count(*) FROM actions a JOIN documents d ON d.id = a.document_id {where}
           {'AND' if where else 'WHERE'} {OVERDUE}) AS late,
        (SELECT count(*) FROM recommendations r JOIN documents d ON d.id = r.document_id {where}
           {'AND' if where else 'WHERE'} r.decision IN {_in(PARTLY + NOT_AGREED)}) AS contested
        FROM documents d {where}""", {"as_of": as_of}))[0]
    plans = await _rows(db, f"""SELECT d.id, d.title, d.establishment, d.submitted, d.kind, d.recommendations,
        d.actions, {'d.provenance' if prov else 'NULL AS provenance'}
        FROM documents d ORDER BY d.submitted IS NULL, d.submitted DESC, d.title""")
    kinds: dict[str, int] = {}
    for p in plans:
        kinds[p["provenance"] or "published"] = kinds.get(p["provenance"] or "published", 0) + 1
    return {"figures": figures, "plans": plans, "provenance": kinds, "samples": kinds.get("sample", 0),
            "review": await needs_review(db),
            "themes": await theme_counts(db), "owners": (await owners(db, as_of))[:12],
            "prisons": await establishments(db)}

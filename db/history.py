"""What the history pages show: an establishment's plans over the years, recommendations made again, themes by year.

In: a Datasette `Database` (read-only) holding the `establishments` and `recurring` tables that `db/links.py`
keeps current, the key of the page (an establishment id, a recommendation id) and the date to count overdue
actions against. Out: plain dicts and lists the templates `ap_timeline.html`, `ap_repeated.html`,
`ap_repeats.html` and `ap_theme_years.html` render, or None when the database holds no such thing (a 404).

"Overdue at the re-inspection" is judged against the first day the later inspection can have begun as far as
the plan says: an inspection dated by its month alone ('2019-05') counts from the 1st of that month, so an
action due during that month is never called overdue when it may not yet have been.
"""

from __future__ import annotations

import json

from . import vocabulary
from .pages import ANSWERS, _rows, _shares
from .schema import AGREED, DONE, NOT_AGREED, PARTLY, _in, decision_group, inspection_start, overdue

OVERDUE = overdue(":as_of")


def _provenance(cols: list[str], alias: str = "d") -> str:
    """The provenance column when the database has one (databases built before it did not)."""
    return f"{alias}.provenance" if "provenance" in cols else "NULL"


async def _doc_cols(db) -> list[str]:
    return list(await db.table_columns("documents"))


async def establishments(db) -> list[dict]:
    """Every establishment with its plans, first and last inspection and how many recommendations repeat one."""
    if "establishments" not in await db.table_names():
        return []
    rows = await _rows(db, """SELECT e.*, min(d.inspected) AS first, max(d.inspected) AS last,
        (SELECT count(DISTINCT c.recommendation_id) FROM recurring c WHERE c.establishment_id = e.id) AS repeated
        FROM establishments e LEFT JOIN documents d ON d.establishment_id = e.id
        GROUP BY e.id ORDER BY e.plans < 2, e.kind = 'national', e.name""")
    for r in rows:
        r["forms"] = json.loads(r["forms"] or "[]")
    return rows


async def timeline(db, establishment_id: str, as_of: str) -> dict | None:
    """One establishment's plans in inspection order: how each was answered, its actions and what is overdue as
    of `as_of`, its recommendations per theme, and which of them repeat a recommendation of an earlier visit."""
    if "establishments" not in await db.table_names():
        return None
    est = await _rows(db, "SELECT * FROM establishments WHERE id = :id", {"id": establishment_id})
    if not est:
        return None
    est = est[0]
    est["forms"] = json.loads(est["forms"] or "[]")
    prov = _provenance(await _doc_cols(db))
    plans = await _rows(db, f"""SELECT d.id, d.title, d.establishment, d.family, d.kind, d.submitted, d.inspected,
        d.inspected_from, d.inspection_dates, d.recommendations, d.actions, {prov} AS provenance,
        (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id AND r.decision IN {_in(AGREED)}) AS agreed,
        (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id AND r.decision IN {_in(PARTLY)}) AS partly,
        (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id AND r.decision IN {_in(NOT_AGREED)})
          AS not_agreed,
        (SELECT count(*) FROM actions a WHERE a.document_id = d.id AND a.due IS NOT NULL) AS dated,
        (SELECT count(*) FROM actions a WHERE a.document_id = d.id AND {OVERDUE}) AS late,
        (SELECT count(DISTINCT c.recommendation_id) FROM recurring c JOIN recommendations r
           ON r.id = c.recommendation_id WHERE r.document_id = d.id) AS repeated
        FROM documents d WHERE d.establishment_id = :e
        ORDER BY d.inspected IS NULL, d.inspected, d.id""", {"e": establishment_id, "as_of": as_of})
    for i, p in enumerate(plans, 1):
        p["visit"] = i
    themes = await _rows(db, """SELECT t.value AS theme, r.document_id, count(*) AS n
        FROM recommendations r JOIN documents d ON d.id = r.document_id, json_each(r.themes) t
        WHERE d.establishment_id = :e GROUP BY t.value, r.document_id""", {"e": establishment_id})
    by_theme: dict[str, dict[str, int]] = {}
    for t in themes:
        by_theme.setdefault(t["theme"], {})[t["document_id"]] = t["n"]
    theme_rows = [{"key": k, "label": vocabulary.label(k), "counts": [v.get(p["id"], 0) for p in plans],
                   "total": sum(v.values())}
                  for k, v in sorted(by_theme.items(), key=lambda kv: vocabulary.label(kv[0]))]
    repeats = await repeated_list(db, establishment_id=establishment_id)
    return {"est": est, "plans": plans, "themes": theme_rows, "repeats": repeats,
            "samples": sum(p["provenance"] == "sample" for p in plans)}


async def repeated_list(db, establishment_id: str | None = None) -> list[dict]:
    """Recommendations made again, later first within each establishment, each with the earlier ones it repeats."""
    if "recurring" not in await db.table_names():
        return []
    cols = await _doc_cols(db)
    where = "WHERE c.establishment_id = :e" if establishment_id else ""
    rows = await _rows(db, f"""SELECT c.recommendation_id, c.earlier_id, c.score, c.words, c.establishment_id,
        e.name AS establishment, l.ref, l.text, {decision_group('l')} AS answer, l.decision, ld.id AS document_id,
        ld.title, ld.inspected, {_provenance(cols, "ld")} AS provenance, er.ref AS earlier_ref, er.text AS earlier_text,
        {decision_group('er')} AS earlier_answer, er.decision AS earlier_decision, ed.id AS earlier_document_id,
        ed.title AS earlier_title, ed.inspected AS earlier_inspected,
        (SELECT count(*) FROM actions a WHERE a.recommendation_id = er.id) AS earlier_actions,
        (SELECT count(*) FROM actions a WHERE a.recommendation_id = er.id
           AND {overdue(inspection_start('ld.inspected'))}) AS overdue_at_reinspection
        FROM recurring c JOIN recommendations l ON l.id = c.recommendation_id
             JOIN documents ld ON ld.id = l.document_id
             JOIN recommendations er ON er.id = c.earlier_id JOIN documents ed ON ed.id = er.document_id
             LEFT JOIN establishments e ON e.id = c.establishment_id
        {where}
        ORDER BY e.name, ld.inspected, l.position, ed.inspected, er.position""", {"e": establishment_id})
    out: dict[str, dict] = {}
    for r in rows:
        item = out.setdefault(r["recommendation_id"], {**r, "earlier": []})
        item["earlier"].append({k: r[k] for k in ("earlier_id", "earlier_ref", "earlier_text", "earlier_answer",
                                                  "earlier_decision", "earlier_document_id", "earlier_title",
                                                  "earlier_inspected", "earlier_actions", "overdue_at_reinspection",
                                                  "score", "words")})
    return list(out.values())


async def repeated(db, recommendation_id: str) -> dict | None:
    """One recommendation made again: its text and answer beside each earlier recommendation it repeats, with
    the earlier plan's actions, owners and due dates, and what had become of each by the re-inspection."""
    if "recurring" not in await db.table_names():
        return None
    prov = _provenance(await _doc_cols(db))
    later = await _rows(db, f"""SELECT r.*, {decision_group()} AS answer, d.title, d.inspected, d.inspected_from,
        d.inspection_dates, d.submitted, {prov} AS provenance, d.establishment_id, e.name AS establishment_name
        FROM recommendations r JOIN documents d ON d.id = r.document_id
        LEFT JOIN establishments e ON e.id = d.establishment_id WHERE r.id = :id""", {"id": recommendation_id})
    if not later:
        return None
    later = later[0]
    earlier = await _rows(db, f"""SELECT r.*, {decision_group()} AS answer, c.score, c.words, c.method,
        d.title, d.inspected, d.inspected_from, d.submitted, {prov} AS provenance
        FROM recurring c JOIN recommendations r ON r.id = c.earlier_id JOIN documents d ON d.id = r.document_id
        WHERE c.recommendation_id = :id ORDER BY d.inspected, r.position""", {"id": recommendation_id})
    if not earlier:
        return None
    start = inspection_start(":inspected")
    for e in earlier:
        e["actions_list"] = await _rows(db, f"""SELECT a.*, {overdue(start)} AS late_then,
            (a.due IS NOT NULL AND a.due < {start}) AS due_then,
            (coalesce(a.status, '') IN {_in(DONE)} OR coalesce(a.completed, 0) = 1) AS done,
            (SELECT group_concat(ao.text, '; ') FROM action_owners ao WHERE ao.action_id = a.id) AS owners
            FROM actions a WHERE a.recommendation_id = :id ORDER BY a.position""",
                                        {"id": e["id"], "inspected": later["inspected"]})
        e["overdue_then"] = sum(bool(a["late_then"]) for a in e["actions_list"])
        e["due_then"] = sum(bool(a["due_then"]) for a in e["actions_list"])
    # Was it made again later still? (A recommendation can be both a repeat and repeated.)
    again = await _rows(db, """SELECT r.id, r.ref, d.title, d.inspected FROM recurring c
        JOIN recommendations r ON r.id = c.recommendation_id JOIN documents d ON d.id = r.document_id
        WHERE c.earlier_id = :id ORDER BY d.inspected""", {"id": recommendation_id})
    return {"later": later, "earlier": earlier, "again": again,
            "start": (await db.execute(f"SELECT {start}", {"inspected": later["inspected"]})).rows[0][0],
            "samples": sum(x["provenance"] == "sample" for x in [later, *earlier])}


async def theme_years(db, as_of: str) -> dict:
    """Every theme across every establishment, by the year of the inspection: recommendations, the share agreed,
    actions with a due date and those overdue as of `as_of`, and how many recommendations repeat an earlier one."""
    has_est = "inspected" in await _doc_cols(db)
    year = "substr(coalesce(d.inspected, d.submitted, d.report_published), 1, 4)" if has_est else \
        "substr(coalesce(d.submitted, d.report_published), 1, 4)"
    repeated = ("(SELECT count(*) FROM recurring c WHERE c.recommendation_id = r.id) > 0" if has_est else "0")
    prov = _provenance(await _doc_cols(db))
    rows = await _rows(db, f"""SELECT t.value AS theme, {year} AS year, r.id, {decision_group()} AS answer,
        {prov} AS provenance, {repeated} AS repeated,
        (SELECT count(*) FROM actions a WHERE a.recommendation_id = r.id AND a.due IS NOT NULL) AS dated,
        (SELECT count(*) FROM actions a WHERE a.recommendation_id = r.id AND {OVERDUE}) AS late
        FROM recommendations r JOIN documents d ON d.id = r.document_id, json_each(r.themes) t""", {"as_of": as_of})
    years = sorted({r["year"] or "no date" for r in rows})
    table: dict[str, dict[str, dict]] = {}
    for r in rows:
        cell = table.setdefault(r["theme"], {}).setdefault(r["year"] or "no date", {
            "recs": 0, "answers": {}, "dated": 0, "late": 0, "repeated": 0, "samples": 0})
        cell["recs"] += 1
        cell["answers"][r["answer"]] = cell["answers"].get(r["answer"], 0) + 1
        cell["dated"] += r["dated"]
        cell["late"] += r["late"]
        cell["repeated"] += bool(r["repeated"])
        cell["samples"] += r["provenance"] == "sample"
    themes = []
    for key in sorted(table, key=vocabulary.label):
        cells = []
        for y in years:
            c = table[key].get(y)
            if c:
                shares = _shares(c["answers"])
                c["agreed_pct"] = shares[0]["pct"]
                c["agreed"] = shares[0]["n"]
            cells.append(c)
        themes.append({"key": key, "label": vocabulary.label(key), "cells": cells,
                       "recs": sum(c["recs"] for c in table[key].values())})
    return {"years": years, "themes": themes, "answers": [a[1] for a in ANSWERS],
            "samples": sum(r["provenance"] == "sample" for r in {r["id"]: r for r in rows}.values())}

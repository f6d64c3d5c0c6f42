"""The database's shape, declared once: tables, foreign keys, indexes, full-text search and views.

`ensure(db)` applies it and is idempotent: safe to run after every load. It stamps the database with
VERSION (a checksum of the declarations), so `is_current` can tell that nothing needs applying.
"""

from __future__ import annotations

import sqlite3
import zlib

# Decisions as printed by different layouts fall into three answers a reader compares across plans (AGREED, PARTLY,
# NOT_AGREED): said once, in the extractor's decision vocabulary, and used here for the views and facets.
from actionplans.extract.decisions import AGREED, NOT_AGREED, PARTLY
from actionplans.extract.vocabulary import COMPLETED, UNMARKED

TYPE_CHECKING = False  # not typing's: importing typing cost a re-run 2 ms
if TYPE_CHECKING:  # sqlite-utils loads only when the shape must be applied: re-runs of a current database skip it
    import sqlite_utils

TABLES: dict[str, dict] = {
    "documents": {
        "columns": {"id": str, "path": str, "url": str, "pages": int, "title": str, "establishment": str,
                    "kind": str, "family": str, "submitted": str, "submitted_text": str, "report_published": str,
                    "report_published_text": str, "inspection_dates": str, "recommendations": int,
                    "actions": int, "quality": str, "provenance": str},
        "pk": "id",
    },
    "recommendations": {
        "columns": {"id": str, "document_id": str, "position": int, "ref": str, "section": str, "text": str,
                    "decision": str, "decision_text": str, "response": str, "first_page": int, "pages": str,
                    "bbox": str, "themes": str, "groups": str, "actions": int, "warnings": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "actions": {
        "columns": {"id": str, "recommendation_id": str, "document_id": str, "position": int, "text": str,
                    "kind": str, "owner_text": str, "target_text": str, "due": str, "precision": str,
                    "status": str, "verbs": str, "form": str, "themes": str, "groups": str, "page": int,
                    "bbox": str, "has_owner": int, "named_post": int, "time_bound": int, "completed": int,
                    "warnings": str},
        "pk": "id",
        "foreign_keys": [("recommendation_id", "recommendations", "id"), ("document_id", "documents", "id")],
    },
    "owners": {
        "columns": {"id": str, "name": str, "role": str, "level": str, "organisation": str, "known": int},
        "pk": "id",
    },
    "action_owners": {
        "columns": {"action_id": str, "position": int, "owner_id": str, "document_id": str, "text": str,
                    "role": str, "level": str, "organisation": str, "known": int},
        "pk": ("action_id", "position"),
        "foreign_keys": [("action_id", "actions", "id"), ("owner_id", "owners", "id"),
                         ("document_id", "documents", "id")],
    },
    # Every place a document was read from (a path as given, or a URL): the same file may sit under
    # several names, and is stored once. A location holds one document at a time.
    "document_paths": {
        "columns": {"location": str, "document_id": str, "path": str, "url": str},
        "pk": "location",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    # Rows that failed validation, kept for a person to read rather than dropped.
    "invalid_records": {
        "columns": {"id": int, "file": str, "sha256": str, "document_id": str, "page": int, "ref": str,
                    "field": str, "message": str},
        "pk": "id",
    },
    # One row per input per run: what happened to it (loaded, replaced, unchanged, failed) and why.
    # `at` is when the run started; it belongs here and in no record, so records stay reproducible.
    "ingest_log": {
        "columns": {"id": int, "at": str, "path": str, "url": str, "sha256": str, "size": int, "pages": int,
                    "status": str, "reason": str, "message": str, "page": int, "seconds": float,
                    "document_id": str},
        "pk": "id",
    },
}
INDEXES = [
    ("recommendations", ["document_id"]), ("recommendations", ["decision"]),
    ("actions", ["recommendation_id"]), ("actions", ["document_id"]), ("actions", ["due"]),
    ("actions", ["status"]), ("action_owners", ["document_id"]),
    # An owner's first printing in alphabetical order, found in one lookup (`load.settle_owners`).
    ("action_owners", ["owner_id", "text", "role", "level", "organisation", "known"]),
    # Facets and the views below group and filter on these.
    ("documents", ["establishment"]), ("documents", ["kind"]), ("documents", ["submitted"]),
    ("recommendations", ["document_id", "position"]), ("actions", ["recommendation_id", "position"]),
    ("actions", ["has_owner"]), ("owners", ["level"]),
]
INDEXES += [("document_paths", ["document_id"]), ("invalid_records", ["sha256"]), ("ingest_log", ["sha256"]),
            ("ingest_log", ["status"]), ("documents", ["provenance"])]
# Records read through OCR from scanned pages (extract/ocr.py), with Tesseract's mean word confidence (0-1);
# the ingest log says which files of a run were read that way.
TABLES["documents"]["columns"].update({"ocr": int, "ocr_confidence": float})
TABLES["recommendations"]["columns"].update({"ocr": int, "ocr_confidence": float})
TABLES["ingest_log"]["columns"]["ocr"] = int

# Establishments and repeated recommendations (db/links.py keeps them current on every load).
# A plan's establishment, and when its inspection ended, which orders an establishment's plans; `inspected_from`
# says whether that date is the inspection's, the report's publication or the plan's submission.
TABLES["documents"]["columns"].update({"establishment_id": str, "inspected": str, "inspected_from": str})
TABLES.update({
    # One row per prison, YOI, removal centre, probation region, or the national level, however plans print its
    # name (`forms`: every printed form, as JSON).
    "establishments": {
        "columns": {"id": str, "name": str, "kind": str, "place": str, "forms": str, "plans": int},
        "pk": "id",
    },
    # A recommendation made again: `earlier_id` is a recommendation of an earlier inspection of the same
    # establishment that asks for the same thing in other words (`score`, `method` and the shared `words`
    # say why). Kept current whenever one of its plans is loaded or removed (db/links.py).
    "recurring": {
        "columns": {"recommendation_id": str, "earlier_id": str, "score": float, "method": str, "words": str,
                    "establishment_id": str},
        "pk": ("recommendation_id", "earlier_id"),
        "foreign_keys": [("recommendation_id", "recommendations", "id"), ("earlier_id", "recommendations", "id")],
    },
})
INDEXES += [("documents", ["establishment_id", "inspected"]), ("recurring", ["earlier_id"]),
            ("recurring", ["establishment_id"])]
# Records read through OCR from scanned pages (extract/ocr.py), with Tesseract's mean word confidence (0-1);
# the ingest log says which files of a run were read that way.
TABLES["documents"]["columns"].update({"ocr": int, "ocr_confidence": float})
TABLES["recommendations"]["columns"].update({"ocr": int, "ocr_confidence": float})
TABLES["ingest_log"]["columns"]["ocr"] = int

# Statuses that say the work is done or there is none to do, so a past target date is not a broken promise.
DONE = (*COMPLETED, "not_applicable")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def overdue(as_of: str, a: str = "a") -> str:
    """SQL that is true for an action of alias `a` still open after its due date, as of the SQL date `as_of`."""
    return (f"({a}.due IS NOT NULL AND {a}.due < {as_of} AND coalesce({a}.status, '') NOT IN {_in(DONE)}"
            f" AND coalesce({a}.completed, 0) = 0)")


def inspection_start(day: str) -> str:
    """SQL for the first day an inspection dated `day` (a column or parameter holding 'YYYY-MM-DD', 'YYYY-MM' or
    'YYYY') can have begun: an action due before it was certainly due by then, while one due within a month
    known only by its name may not have been."""
    return (f"(CASE length({day}) WHEN 7 THEN {day} || '-01' WHEN 4 THEN {day} || '-01-01' ELSE {day} END)")


def overdue_status(a: str = "a") -> str:
    """SQL for the status of an action already known to be overdue: 'overdue', unless the plan printed a status
    of its own beyond a plain date ('immediate', 'recurring'), which is kept."""
    return f"CASE WHEN coalesce({a}.status, 'due') IN {_in(UNMARKED)} THEN 'overdue' ELSE {a}.status END"


def decision_group(r: str = "r") -> str:
    """SQL naming the answer a decision amounts to: agreed, partly agreed, not agreed or none printed."""
    return (f"CASE WHEN {r}.decision IN {_in(AGREED)} THEN 'agreed' WHEN {r}.decision IN {_in(PARTLY)}"
            f" THEN 'partly agreed' WHEN {r}.decision IN {_in(NOT_AGREED)} THEN 'not agreed' ELSE 'none printed' END")


def decision_counts(d: str = "d") -> str:
    """SQL columns counting a plan's recommendations (alias `d`) agreed, partly agreed and not agreed."""
    return ", ".join(f"(SELECT count(*) FROM recommendations r WHERE r.document_id = {d}.id AND r.decision IN "
                     f"{_in(values)}) AS {name}"
                     for name, values in (("agreed", AGREED), ("partly_agreed", PARTLY), ("not_agreed", NOT_AGREED)))


def vagueness(a: str = "a") -> str:
    """SQL naming what an action's commitment lacks: an owner, a due date, or both (null when it has both)."""
    no_owner = f"(coalesce({a}.has_owner, 0) = 0)"
    return (f"CASE WHEN {no_owner} AND {a}.due IS NULL THEN 'no owner, no date' WHEN {no_owner} THEN 'no owner'"
            f" WHEN {a}.due IS NULL THEN 'no date' END")


ACTION_JOIN = ("FROM actions a JOIN recommendations r ON r.id = a.recommendation_id "
               "JOIN documents d ON d.id = a.document_id")
_OWNERS = "(SELECT group_concat(ao.text, '; ') FROM action_owners ao WHERE ao.action_id = a.id)"
FTS = {"recommendations": ["ref", "text", "response"], "actions": ["text", "owner_text"]}
VIEWS: dict[str, str] = {
    # Records the extractor kept but doubts (empty text, an unrecognised ref or decision, an entry beside no
    # action, a date it could not read): one row per warning, with the page to look at.
    "needs_review": """
        SELECT d.title AS document, d.establishment, r.ref, NULL AS action_no, w.value AS warning,
               r.first_page AS page, d.path AS pdf, r.id AS recommendation_id, NULL AS action_id, d.id AS document_id
        FROM recommendations r JOIN documents d ON d.id = r.document_id, json_each(r.warnings) w
        WHERE r.warnings IS NOT NULL AND r.warnings != '[]'
        UNION ALL
        SELECT d.title, d.establishment, r.ref, a.position, w.value, a.page, d.path, r.id, a.id, d.id
        FROM actions a JOIN recommendations r ON r.id = a.recommendation_id JOIN documents d ON d.id = a.document_id,
             json_each(a.warnings) w
        WHERE a.warnings IS NOT NULL AND a.warnings != '[]'
        ORDER BY 1, 3, 4""",
    # One row per action with everything a spreadsheet user needs beside it: the flat CSV export.
    "action_rows": """
        SELECT d.title AS document, d.establishment, d.submitted, r.ref, r.section, r.text AS recommendation,
               r.decision, a.position AS action_no, a.text AS action, a.owner_text AS owners_as_printed,
               (SELECT group_concat(ao.text, '; ') FROM action_owners ao WHERE ao.action_id = a.id) AS owners,
               a.target_text, a.due, a.status, a.page, d.path AS pdf, d.provenance, a.id AS action_id,
               r.id AS recommendation_id, d.id AS document_id
        FROM actions a JOIN recommendations r ON r.id = a.recommendation_id JOIN documents d ON d.id = a.document_id
        ORDER BY d.title, r.position, a.position""",
    # Recommendations beside the plan they belong to, so facets and searches can cross plans.
    "recommendation_rows": f"""
        SELECT d.title AS document, d.establishment, d.kind, d.submitted, r.ref, r.section, r.text AS recommendation,
               r.decision, {decision_group()} AS answer, r.response, r.themes, r.groups, r.actions, r.first_page,
               d.path AS pdf, d.provenance, r.id AS recommendation_id, d.id AS document_id
        FROM recommendations r JOIN documents d ON d.id = r.document_id
        ORDER BY d.title, r.position""",
    # Open actions whose target date has passed, as of the day the query runs. A plan is a promise made on the
    # day it was submitted: what happened after is not known, so each row carries that date beside the delay,
    # and a row is labelled overdue, never 'due'.
    "overdue_actions": f"""
        SELECT d.title AS document, d.establishment, r.ref, r.decision, a.text AS action, {_OWNERS} AS owners,
               a.target_text, a.due, CAST(julianday('now') - julianday(a.due) AS INTEGER) AS days_overdue,
               {overdue_status()} AS status, d.submitted AS plan_submitted, d.provenance,
               a.page, a.id AS action_id, r.id AS recommendation_id, d.id AS document_id
        {ACTION_JOIN}
        WHERE {overdue("date('now')")}
        ORDER BY a.due, d.title, r.position, a.position""",
    # Recommendations HMPPS did not fully accept, with the response that gives its reasons.
    "contested_recommendations": f"""
        SELECT d.title AS document, d.establishment, r.ref, r.section, r.text AS recommendation, r.decision,
               r.decision_text, r.response AS reasons, r.actions, r.first_page, r.id AS recommendation_id,
               d.id AS document_id
        FROM recommendations r JOIN documents d ON d.id = r.document_id
        WHERE r.decision IN {_in(PARTLY + NOT_AGREED)}
        ORDER BY d.title, r.position""",
    # Who is answerable for how much: one row per owner role, across every plan.
    "owner_actions": f"""
        SELECT o.name AS owner, o.role, o.level,
               (SELECT group_concat(organisation, '; ') FROM (SELECT DISTINCT organisation FROM action_owners
                  WHERE owner_id = o.id AND organisation IS NOT NULL ORDER BY organisation)) AS organisations,
               count(*) AS actions,
               count(DISTINCT ao.document_id) AS plans, sum(a.due IS NOT NULL) AS dated,
               sum({overdue("date('now')")}) AS overdue, min(a.due) AS first_due, max(a.due) AS last_due,
               o.id AS owner_id
        FROM action_owners ao JOIN owners o ON o.id = ao.owner_id JOIN actions a ON a.id = ao.action_id
        GROUP BY o.id ORDER BY actions DESC, owner""",
    # How each plan answered: recommendations by decision, actions that are overdue or vague.
    "document_decisions": f"""
        SELECT d.title AS document, d.establishment, d.kind, d.submitted, d.provenance, d.recommendations,
               {decision_counts()},
               (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id AND r.decision IS NULL)
                 AS no_decision,
               d.actions,
               (SELECT count(*) FROM actions a WHERE a.document_id = d.id AND {overdue("date('now')")}) AS overdue,
               (SELECT count(*) FROM actions a WHERE a.document_id = d.id AND {vagueness()} IS NOT NULL
                  AND rtrim(a.text) NOT LIKE '%:') AS vague,
               d.id AS document_id
        FROM documents d ORDER BY d.submitted DESC, d.title""",
    # Commitments nobody can be held to: no owner printed beside them, or no date by which to act. A lead-in
    # ending in a colon only introduces the bullets under it, so it is not counted as a commitment.
    "vague_actions": f"""
        SELECT d.title AS document, d.establishment, r.ref, r.decision, a.text AS action, {vagueness()} AS lacks,
               a.owner_text AS owners_as_printed, a.target_text, a.status, a.form, a.page, a.id AS action_id,
               r.id AS recommendation_id, d.id AS document_id
        {ACTION_JOIN}
        WHERE {vagueness()} IS NOT NULL AND rtrim(a.text) NOT LIKE '%:'
        ORDER BY d.title, r.position, a.position""",
}


# An earlier recommendation's actions, one a line: "1. text [owners; target date]".
_ACTION_LIST = ("(SELECT group_concat(a.position || '. ' || a.text || ' [' || coalesce("
                "(SELECT group_concat(ao.text, '; ') FROM action_owners ao WHERE ao.action_id = a.id),"
                " 'no owner') || '; ' || coalesce(a.target_text, 'no date') || ']', char(10))"
                " FROM (SELECT * FROM actions WHERE recommendation_id = {r}.id ORDER BY position) a)")
VIEWS.update({
    # A recommendation made again at a later inspection, beside the earlier one: both texts, both answers, and
    # what became of the earlier plan's actions by the time of the re-inspection (due, overdue: still open
    # after their date, as far as the plan says).
    "repeated_recommendations": f"""
        SELECT e.name AS establishment, ld.inspected, l.ref, l.text AS recommendation, {decision_group('l')} AS answer,
               ed.inspected AS earlier_inspected, er.ref AS earlier_ref, er.text AS earlier_recommendation,
               {decision_group('er')} AS earlier_answer, er.actions AS earlier_actions,
               (SELECT count(*) FROM actions a WHERE a.recommendation_id = er.id
                  AND a.due < {inspection_start('ld.inspected')}) AS earlier_actions_due,
               (SELECT count(*) FROM actions a WHERE a.recommendation_id = er.id
                  AND {overdue(inspection_start('ld.inspected'))})
                 AS overdue_at_reinspection,
               {_ACTION_LIST.format(r='er')} AS earlier_commitments,
               c.score, c.words, c.method, ld.title AS plan, ed.title AS earlier_plan, l.decision,
               er.decision AS earlier_decision, l.id AS recommendation_id, er.id AS earlier_id,
               ld.id AS document_id, ed.id AS earlier_document_id, c.establishment_id
        FROM recurring c JOIN recommendations l ON l.id = c.recommendation_id JOIN documents ld ON ld.id = l.document_id
             JOIN recommendations er ON er.id = c.earlier_id JOIN documents ed ON ed.id = er.document_id
             LEFT JOIN establishments e ON e.id = c.establishment_id
        ORDER BY e.name, ld.inspected, l.position, ed.inspected""",
    # Each establishment's plans in inspection order, with how each answered and how many of its
    # recommendations repeat an earlier one; `themes` counts its recommendations per theme (JSON).
    "establishment_plans": f"""
        SELECT e.name AS establishment, e.kind AS establishment_kind,
               (SELECT count(*) FROM documents d2 WHERE d2.establishment_id = d.establishment_id
                  AND d2.inspected < d.inspected) + 1 AS visit,
               d.inspected, d.inspected_from, d.title AS plan, d.family, d.kind, d.submitted, d.recommendations,
               {decision_counts()},
               d.actions,
               (SELECT count(DISTINCT c.recommendation_id) FROM recurring c JOIN recommendations r
                  ON r.id = c.recommendation_id WHERE r.document_id = d.id) AS repeated,
               (SELECT json_group_object(theme, n) FROM (SELECT t.value AS theme, count(*) AS n
                  FROM recommendations r, json_each(r.themes) t WHERE r.document_id = d.id
                  GROUP BY t.value ORDER BY t.value)) AS themes,
               d.id AS document_id, e.id AS establishment_id
        FROM documents d JOIN establishments e ON e.id = d.establishment_id
        ORDER BY e.name, d.inspected, d.id""",
    # Per theme, across every establishment, by the year of the inspection: how many recommendations, the share
    # agreed, how many of their actions had a due date and how many are overdue today, and how many repeat
    # an earlier recommendation.
    "theme_years": f"""
        WITH rt AS (SELECT r.id, r.decision, d.establishment_id, t.value AS theme,
                           substr(coalesce(d.inspected, d.submitted, d.report_published), 1, 4) AS year
                    FROM recommendations r JOIN documents d ON d.id = r.document_id, json_each(r.themes) t)
        SELECT theme, year, count(*) AS recommendations, count(DISTINCT establishment_id) AS establishments,
               sum(decision IN {_in(AGREED)}) AS agreed,
               round(100.0 * sum(decision IN {_in(AGREED)}) / count(*), 1) AS agreed_pct,
               (SELECT count(*) FROM actions a WHERE a.due IS NOT NULL AND a.recommendation_id IN
                  (SELECT id FROM rt r2 WHERE r2.theme = rt.theme AND r2.year IS rt.year)) AS actions_due,
               (SELECT count(*) FROM actions a WHERE {overdue("date('now')")} AND a.recommendation_id IN
                  (SELECT id FROM rt r2 WHERE r2.theme = rt.theme AND r2.year IS rt.year)) AS actions_overdue,
               (SELECT count(DISTINCT c.recommendation_id) FROM recurring c WHERE c.recommendation_id IN
                  (SELECT id FROM rt r2 WHERE r2.theme = rt.theme AND r2.year IS rt.year)) AS repeated
        FROM rt GROUP BY theme, year ORDER BY theme, year""",
})


def _version() -> int:
    """A stamp of the declarations above: a database stamped with it needs no `ensure`."""
    text = repr((sorted((k, sorted(v["columns"].items(), key=str), v["pk"]) for k, v in TABLES.items()),
                 INDEXES, sorted(FTS.items()), sorted(VIEWS.items())))
    return zlib.crc32(text.encode()) & 0x7FFFFFFF


VERSION = _version()


def is_current(conn: sqlite3.Connection) -> bool:
    """Does this database already have the shape declared here (so a re-run can skip `ensure`)?"""
    return conn.execute("PRAGMA user_version").fetchone()[0] == VERSION


def ensure(db: sqlite_utils.Database) -> None:
    """Create whatever is missing; leave what exists alone; stamp the database with VERSION."""
    db.execute("PRAGMA foreign_keys = ON")
    for name, spec in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"))
        else:
            missing = {c: t for c, t in spec["columns"].items() if c not in table.columns_dict}
            for col, typ in missing.items():
                table.add_column(col, typ)
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)
    for table, cols in FTS.items():
        if not db[table].detect_fts():
            db[table].enable_fts(cols, create_triggers=True, tokenize="porter")
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    db.execute(f"PRAGMA user_version = {VERSION}")

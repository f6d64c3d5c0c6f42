"""The database's shape, declared once: tables, foreign keys, indexes, full-text search and views.

`ensure(db)` applies it and is idempotent: safe to run after every load.
"""

from __future__ import annotations

import sqlite_utils

TABLES: dict[str, dict] = {
    "documents": {
        "columns": {"id": str, "path": str, "url": str, "pages": int, "title": str, "establishment": str,
                    "kind": str, "family": str, "submitted": str, "submitted_text": str, "report_published": str,
                    "report_published_text": str, "inspection_dates": str, "recommendations": int,
                    "actions": int, "quality": str},
        "pk": "id",
    },
    "recommendations": {
        "columns": {"id": str, "document_id": str, "position": int, "ref": str, "section": str, "text": str,
                    "decision": str, "decision_text": str, "response": str, "first_page": int, "pages": str,
                    "bbox": str, "themes": str, "groups": str, "actions": int},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "actions": {
        "columns": {"id": str, "recommendation_id": str, "document_id": str, "position": int, "text": str,
                    "kind": str, "owner_text": str, "target_text": str, "due": str, "precision": str,
                    "status": str, "verbs": str, "form": str, "themes": str, "groups": str, "page": int,
                    "bbox": str, "has_owner": int, "named_post": int, "time_bound": int, "completed": int},
        "pk": "id",
        "foreign_keys": [("recommendation_id", "recommendations", "id"), ("document_id", "documents", "id")],
    },
    "owners": {
        "columns": {"id": str, "name": str, "role": str, "level": str, "organisation": str, "known": int},
        "pk": "id",
    },
    "action_owners": {
        "columns": {"action_id": str, "position": int, "owner_id": str, "document_id": str, "text": str},
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
    ("actions", ["status"]), ("action_owners", ["owner_id"]), ("action_owners", ["document_id"]),
]
INDEXES += [("document_paths", ["document_id"]), ("invalid_records", ["sha256"]), ("ingest_log", ["sha256"]),
            ("ingest_log", ["status"])]
FTS = {"recommendations": ["ref", "text", "response"], "actions": ["text", "owner_text"]}
VIEWS: dict[str, str] = {
    # One row per action with everything a spreadsheet user needs beside it: the flat CSV export.
    "action_rows": """
        SELECT d.title AS document, d.establishment, d.submitted, r.ref, r.section, r.text AS recommendation,
               r.decision, a.position AS action_no, a.text AS action, a.owner_text AS owners_as_printed,
               (SELECT group_concat(ao.text, '; ') FROM action_owners ao WHERE ao.action_id = a.id) AS owners,
               a.target_text, a.due, a.status, a.page, d.path AS pdf, a.id AS action_id, r.id AS recommendation_id,
               d.id AS document_id
        FROM actions a JOIN recommendations r ON r.id = a.recommendation_id JOIN documents d ON d.id = a.document_id
        ORDER BY d.title, r.position, a.position""",
}


def ensure(db: sqlite_utils.Database) -> None:
    """Create whatever is missing; leave what exists alone."""
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

"""Documents -> SQLite rows, one document per transaction.

In: `actionplans.schemas.Document`s (or their JSON, so saved extractions can be replayed).
Out: rows in the tables declared in `schema`. Primary keys come from the document's sha256 and the
positions of its recommendations and actions, so loading the same PDF again replaces its rows.
"""

from __future__ import annotations

import json
import re

import sqlite_utils
from actionplans.schemas import Document

from .schema import ensure


def open_db(path: str) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    ensure(db)
    return db


def owner_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


def _j(v) -> str | None:
    return json.dumps(v, ensure_ascii=False) if v is not None else None


def rows_of(doc: Document) -> dict[str, list[dict]]:
    """The rows one document contributes to each table."""
    sha = doc.source.sha256
    m = doc.metadata
    out: dict[str, list[dict]] = {k: [] for k in ("documents", "recommendations", "actions", "owners",
                                                  "action_owners")}
    out["documents"].append({
        "id": sha, "path": doc.source.path, "url": doc.source.url, "pages": doc.source.pages, "title": m.title,
        "establishment": m.establishment, "kind": m.kind, "family": m.family, "submitted": m.submitted,
        "submitted_text": m.submitted_text, "report_published": m.report_published,
        "report_published_text": m.report_published_text, "inspection_dates": m.inspection_dates,
        "recommendations": len(doc.recommendations),
        "actions": sum(len(r.actions) for r in doc.recommendations), "quality": _j(doc.quality.model_dump())})
    for i, r in enumerate(doc.recommendations, start=1):
        rid = f"{sha[:16]}-r{i:03d}"
        out["recommendations"].append({
            "id": rid, "document_id": sha, "position": i, "ref": r.ref, "section": r.section, "text": r.text,
            "decision": r.decision, "decision_text": r.decision_text, "response": r.response,
            "first_page": r.pages[0], "pages": _j(r.pages), "bbox": _j(r.bbox), "themes": _j(r.themes),
            "groups": _j(r.groups), "actions": len(r.actions)})
        for k, a in enumerate(r.actions, start=1):
            aid = f"{rid}-a{k:03d}"
            td = a.target_date
            out["actions"].append({
                "id": aid, "recommendation_id": rid, "document_id": sha, "position": k, "text": a.text,
                "kind": a.kind, "owner_text": a.owner_text, "target_text": td.text if td else None,
                "due": td.due.isoformat() if td and td.due else None, "precision": td.precision if td else None,
                "status": td.status if td else None, "verbs": _j(a.verbs), "form": a.form, "themes": _j(a.themes),
                "groups": _j(a.groups), "page": a.page, "bbox": _j(a.bbox),
                "has_owner": int(a.audit.has_owner) if a.audit else int(bool(a.owners)),
                "named_post": int(a.audit.named_post) if a.audit else None,
                "time_bound": int(a.audit.time_bound) if a.audit else int(bool(td and td.due)),
                "completed": int(a.audit.completed) if a.audit else None})
            details = {d.text: d for d in a.owner_details}
            for j, name in enumerate(a.owners, start=1):
                d = details.get(name)
                oid = owner_id(d.role if d and d.role else name)
                out["owners"].append({"id": oid, "name": d.role if d and d.role else name,
                                      "role": d.role if d else None, "level": d.level if d else None,
                                      "organisation": d.organisation if d else None,
                                      "known": int(d.known) if d else 0})
                out["action_owners"].append({"action_id": aid, "position": j, "owner_id": oid,
                                             "document_id": sha, "text": name})
    return out


def delete_document(db: sqlite_utils.Database, sha: str) -> None:
    for table in ("action_owners", "actions", "recommendations", "documents"):
        key = "id" if table == "documents" else "document_id"
        db.execute(f"DELETE FROM [{table}] WHERE [{key}] = ?", [sha])


def save(db: sqlite_utils.Database, doc: Document) -> None:
    """Write one document atomically, replacing any earlier rows of the same file."""
    rows = rows_of(doc)
    with db.atomic():
        delete_document(db, doc.source.sha256)
        db["documents"].insert_all(rows["documents"])
        db["recommendations"].insert_all(rows["recommendations"])
        db["actions"].insert_all(rows["actions"])
        db["owners"].insert_all(rows["owners"], replace=True)
        db["action_owners"].insert_all(rows["action_owners"])


def load_json(db: sqlite_utils.Database, data) -> int:
    """Replay saved `extract --json` output (one document, a list, or {"documents": [...]})."""
    docs = data.get("documents", [data]) if isinstance(data, dict) else data
    for d in docs:
        save(db, Document.model_validate(d))
    return len(docs)

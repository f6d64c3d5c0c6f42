"""Documents -> SQLite rows, one document per transaction.

In: `actionplans.schemas.Document`s (or their JSON, so saved extractions can be replayed).
Out: rows in the tables declared in `schema`. Primary keys come from the document's sha256 and the
positions of its recommendations and actions, so loading the same PDF again replaces its rows.
A document is stored once however many paths or URLs it was found at (`document_paths`); a location
holds one document at a time, so a changed file replaces its own rows and leaves no orphans.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from functools import cache

from .schema import TABLES, ensure, is_current

TYPE_CHECKING = False  # not typing's: importing typing cost a re-run 2 ms
if TYPE_CHECKING:  # pydantic and sqlite-utils load only when a document is written: re-runs skip them (and the links)
    import sqlite_utils
    from actionplans.schemas import Document


def connect(path: str) -> sqlite3.Connection:
    """A plain connection, enough to look documents up and log inputs that need no parsing."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")  # a reader (Datasette, a test) may hold the file for a moment
    return conn


def open_db(path_or_conn: str | sqlite3.Connection) -> sqlite_utils.Database:
    """The database, with the declared shape applied (when it is not current already)."""
    import sqlite_utils
    conn = connect(path_or_conn) if isinstance(path_or_conn, str) else path_or_conn
    db = sqlite_utils.Database(conn)
    if not is_current(conn):
        from . import links
        ensure(db)
        links.backfill(db)  # documents loaded before establishments existed
    return db


def current(path: str) -> sqlite3.Connection | None:
    """A plain connection to a database that already has the declared shape, else None."""
    conn = connect(path)
    if is_current(conn):
        return conn
    conn.close()
    return None


@contextmanager
def transaction(db):
    """One transaction on a sqlite-utils Database (nesting as savepoints) or on a plain connection."""
    if hasattr(db, "atomic"):
        with db.atomic():
            yield db
        return
    db.execute("BEGIN")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.commit()


def owner_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


@cache
def _encode():
    """`json.dumps(v, ensure_ascii=False)`, with one encoder for every value rather than a new one per call (a long
    plan's rows hold some 11,000 JSON values)."""
    import json
    return json.JSONEncoder(ensure_ascii=False).encode


def _j(v) -> str | None:
    return _encode()(v) if v is not None else None


def rows_of(doc: Document, provenance: str | None = None) -> dict[str, list[dict]]:
    """The rows one document contributes to each table; `provenance` says where the document came from
    (published, rebuilt, sample), which its bytes cannot say."""
    sha = doc.source.sha256
    m = doc.metadata
    out: dict[str, list[dict]] = {k: [] for k in ("documents", "recommendations", "actions", "action_owners")}
    out["documents"].append({
        "id": sha, "path": doc.source.path, "url": doc.source.url, "pages": doc.source.pages, "title": m.title,
        "establishment": m.establishment, "kind": m.kind, "family": m.family, "submitted": m.submitted,
        "submitted_text": m.submitted_text, "report_published": m.report_published,
        "report_published_text": m.report_published_text, "inspection_dates": m.inspection_dates,
        "recommendations": len(doc.recommendations),
        "actions": sum(len(r.actions) for r in doc.recommendations), "quality": _j(doc.quality.model_dump()),
        "provenance": provenance})
    for i, r in enumerate(doc.recommendations, start=1):
        rid = f"{sha[:16]}-r{i:03d}"
        out["recommendations"].append({
            "id": rid, "document_id": sha, "position": i, "ref": r.ref, "section": r.section, "text": r.text,
            "decision": r.decision, "decision_text": r.decision_text, "response": r.response,
            "first_page": r.pages[0], "pages": _j(r.pages), "bbox": _j(r.bbox), "themes": _j(r.themes),
            "groups": _j(r.groups), "actions": len(r.actions), "warnings": _j(r.warnings)})
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
                "completed": int(a.audit.completed) if a.audit else None, "warnings": _j(a.warnings)})
            details = {d.text: d for d in a.owner_details}
            for j, name in enumerate(a.owners, start=1):
                d = details.get(name)
                out["action_owners"].append({"action_id": aid, "position": j,
                                             "owner_id": owner_id(d.role if d and d.role else name),
                                             "document_id": sha, "text": name, "role": d.role if d else None,
                                             "level": d.level if d else None,
                                             "organisation": d.organisation if d else None,
                                             "known": int(d.known) if d else 0})
    # Read through OCR (extract/ocr.py): the document and each recommendation say so, with Tesseract's confidence.
    out["documents"][0].update(ocr=int(doc.source.ocr), ocr_confidence=doc.source.ocr_confidence)
    for row, r in zip(out["recommendations"], doc.recommendations):
        row.update(ocr=int(r.ocr), ocr_confidence=r.ocr_confidence)
    return out


def delete_document(db: sqlite_utils.Database, sha: str) -> None:
    """Remove a document's records (not the places it was read from), its links, and owners nobody points at
    any more; its establishment's row is recomputed without it."""
    from . import links
    touched = links.establishment_ids(db, sha)
    owners = [r[0] for r in db.execute("SELECT DISTINCT owner_id FROM action_owners WHERE document_id = ?", [sha])]
    db.execute("DELETE FROM recurring WHERE recommendation_id IN (SELECT id FROM recommendations WHERE document_id = ?)"
               " OR earlier_id IN (SELECT id FROM recommendations WHERE document_id = ?)", [sha, sha])
    for table in ("action_owners", "actions", "recommendations", "invalid_records", "documents"):
        key = {"documents": "id", "invalid_records": "sha256"}.get(table, "document_id")
        db.execute(f"DELETE FROM [{table}] WHERE [{key}] = ?", [sha])
    db.execute("DELETE FROM owners WHERE id NOT IN (SELECT owner_id FROM action_owners)")
    settle_owners(db, owners)
    links.removed(db, touched)


def settle_owners(db, ids) -> None:
    """Each owner's row as the mentions of it now stored say, whatever order the plans came in: the details of its
    first printing in alphabetical order (its name being its role, or that printing when it has none). One lookup in
    the index on action_owners per owner, however many actions name it. Mentions stored before action_owners kept
    their details (`known` null) leave an owner's row as it is; `delete_document` removes owners nobody names."""
    rows = []
    for oid in sorted(set(ids)):
        first = db.execute("SELECT text, role, level, organisation, known FROM action_owners WHERE owner_id = ? "
                           "AND known IS NOT NULL ORDER BY text, role, level, organisation, known LIMIT 1",
                           [oid]).fetchone()
        if first:
            text, role, level, org, known = first
            rows.append({"id": oid, "name": role or text, "role": role, "level": level, "organisation": org,
                         "known": known})
    insert(db, "owners", rows, replace=True)


def holding(db: sqlite_utils.Database, location: str) -> str | None:
    """The sha256 of the document a path or URL last gave, if the database holds one."""
    row = db.execute("SELECT document_id FROM document_paths WHERE location = ?", [location]).fetchone()
    if row:
        return row[0]
    # Databases loaded before document_paths existed know a document's location only from its own row.
    row = db.execute("SELECT id FROM documents WHERE (path = ? OR url = ?) AND id NOT IN "
                     "(SELECT document_id FROM document_paths)", [location, location]).fetchone()
    return row[0] if row else None


def locations_of(db: sqlite_utils.Database, sha: str) -> list[str]:
    return [r[0] for r in db.execute("SELECT location FROM document_paths WHERE document_id = ? ORDER BY location",
                                     [sha])]


def has_document(db: sqlite_utils.Database, sha: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE id = ?", [sha]).fetchone() is not None


def pages_of(db: sqlite_utils.Database, sha: str) -> int | None:
    row = db.execute("SELECT pages FROM documents WHERE id = ?", [sha]).fetchone()
    return row[0] if row else None


def _place(db: sqlite_utils.Database, location: str, sha: str, path: str | None, url: str | None) -> str | None:
    """Point a location at a document; drop the document it held before if no other location holds it.
    Returns that earlier document's sha256 when it differs."""
    old = holding(db, location)
    # A location that already names this document, as this path or URL, is left untouched: rewriting the row
    # unchanged dirtied its pages, and a re-run of unchanged files wrote (and synced) them all for nothing.
    db.execute("INSERT INTO document_paths (location, document_id, path, url) VALUES (?, ?, ?, ?) "
               "ON CONFLICT(location) DO UPDATE SET document_id = excluded.document_id, path = excluded.path, "
               "url = excluded.url WHERE document_id IS NOT excluded.document_id OR path IS NOT excluded.path "
               "OR url IS NOT excluded.url", [location, sha, path, url])
    if old and old != sha and not db.execute("SELECT 1 FROM document_paths WHERE document_id = ?", [old]).fetchone():
        delete_document(db, old)
    return old if old != sha else None


SQLITE_MAX_VARS = 999  # bound parameters per statement on the oldest SQLite builds (sqlite-utils' own limit)


def insert(db, table: str, rows: list[dict], replace: bool = False) -> None:
    """Rows into a table of the declared shape, as sqlite-utils' `insert_all` writes them (with `replace`: INSERT OR
    REPLACE; many rows to a statement), without its work per value and per batch: every value here is already one
    SQLite stores (`rows_of` writes lists as JSON), and the document's transaction is already open. sqlite-utils
    asked every value whether it needed converting to JSON and opened a savepoint per batch: about a third of
    saving the bench set (0.47 s of CPU)."""
    if not rows:
        return
    cols = list(dict.fromkeys(c for r in rows for c in r))
    head = (f"INSERT {'OR REPLACE ' if replace else ''}INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
            "VALUES ")
    one = f"({', '.join('?' * len(cols))})"
    step = max(1, SQLITE_MAX_VARS // len(cols))
    for a in range(0, len(rows), step):
        part = rows[a:a + step]
        db.conn.execute(head + ", ".join([one] * len(part)), [r.get(c) for r in part for c in cols])


def log(db: sqlite_utils.Database, entry: dict) -> None:
    """One ingest_log row: what happened to one input in one run."""
    cols = [c for c in entry if c in TABLES["ingest_log"]["columns"]]
    db.execute(f"INSERT INTO ingest_log ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
               [entry[c] for c in cols])


def save(db: sqlite_utils.Database, doc: Document, *, location: str | None = None, problems=(),
         entry: dict | None = None, provenance: str | None = None) -> str:
    """Write one document atomically: its records, the location it was read from (by default its URL or
    path), the rows that failed validation and, when given, its ingest_log entry. A different document
    the location held before is removed in the same transaction unless another location still holds it.
    Returns "loaded", or "replaced" when earlier rows (of this file or of the location) were replaced."""
    sha = doc.source.sha256
    location = location or doc.source.url or doc.source.path
    from . import links
    rows = rows_of(doc, provenance)
    with db.atomic():
        db.execute("PRAGMA defer_foreign_keys = ON")  # a reloaded document's paths point at it throughout
        existed = has_document(db, sha)
        delete_document(db, sha)
        for table in ("documents", "recommendations", "actions", "action_owners"):
            insert(db, table, rows[table])
        settle_owners(db, (r["owner_id"] for r in rows["action_owners"]))
        insert(db, "invalid_records", [{"file": location, "sha256": sha, "document_id": sha, **p} for p in problems])
        old = _place(db, location, sha, doc.source.path, doc.source.url)
        links.update(db, sha)
        status = "replaced" if existed or old else "loaded"
        if entry is not None:
            log(db, {**entry, "status": status, "document_id": sha})
    return status


def add_location(db: sqlite_utils.Database, location: str, sha: str, *, path: str | None = None,
                 url: str | None = None, entry: dict | None = None) -> None:
    """Record that an already stored document was also found at `location` (no parsing needed); `db` may be
    a plain connection."""
    with transaction(db):
        _place(db, location, sha, path, url)
        if entry is not None:
            log(db, {**entry, "document_id": sha})


def add_locations(db, found: list[tuple]) -> None:
    """`add_location` for many (location, sha256, path, url, entry) at once, in one transaction."""
    with transaction(db):
        for location, sha, path, url, entry in found:
            _place(db, location, sha, path, url)
            if entry is not None:
                log(db, {**entry, "document_id": sha})


def save_failure(db: sqlite_utils.Database, entry: dict, problems=(), location: str | None = None) -> None:
    """Log an input that could not be loaded; rows that failed validation are kept for reading.
    What the location held before is left as it was: a broken download does not erase a good plan."""
    with db.atomic():
        sha = entry.get("sha256")
        if problems and sha:
            db.execute("DELETE FROM invalid_records WHERE sha256 = ? AND document_id IS NULL", [sha])
            db["invalid_records"].insert_all({"file": location or entry.get("url") or entry.get("path"),
                                              "sha256": sha, "document_id": None, **p} for p in problems)
        log(db, entry)


def load_json(db: sqlite_utils.Database, data) -> int:
    """Replay saved `extract --json` output (one document, a list, or {"documents": [...]})."""
    docs = data.get("documents", [data]) if isinstance(data, dict) else data
    for d in docs:
        from actionplans.schemas import Document
        save(db, Document.model_validate(d))
    return len(docs)

"""Establishments and repeated recommendations, kept current inside the one write path.

In: a database (sqlite-utils Database or a plain sqlite3 connection) whose `documents` rows carry the
establishment, kind, title and dates the extractor read.
Out: each document's `establishment_id`, `inspected` and `inspected_from`; one `establishments` row per
establishment that has documents; and the `recurring` rows of every establishment touched: for each
recommendation, the recommendations of earlier inspections of the same establishment (for national plans:
of earlier plans sharing a theme and a national owner) that ask for the same thing
(`actionplans.extract.recurring`).

An establishment's links are kept as if recomputed from its documents whenever one of them is added,
replaced or removed, so the result depends only on which documents are in the database, not on the order
they came in, and running it again changes nothing. Whether two recommendations are the same depends on their
two texts alone (and, for national plans, their themes and national owners), so a document's arrival is
settled by comparing its recommendations with the rest of its establishment's, and a removal by deleting
the removed recommendations' links (`load.delete_document`); the whole establishment is compared again only
when links made by another method (an older `recurring.METHOD`) are found in it, or by `refresh`. Prepared
texts are kept per process (`_PREPARED`), so no text is prepared twice in one run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the comparison and its data load only when a document is written: re-runs skip them
    from actionplans.extract.establishments import Establishment

KIND_ORDER = ("prison", "yoi", "irc", "probation_region", "national")


def establishment_of_row(row: dict) -> Establishment:
    from actionplans.extract.establishments import establishment_of
    return establishment_of(row["establishment"], row["kind"], row["title"])


def _rows(db, sql: str, params=()) -> list[dict]:
    cur = db.execute(sql, list(params))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def establishment_ids(db, *shas: str | None) -> set[str]:
    """The establishments the given documents belong to now (before they are removed or replaced)."""
    ids = set()
    for sha in filter(None, shas):
        row = db.execute("SELECT establishment_id FROM documents WHERE id = ?", [sha]).fetchone()
        if row and row[0]:
            ids.add(row[0])
    return ids


def place(db, sha: str) -> str | None:
    """Give one document its establishment and inspection date; returns the establishment's id."""
    rows = _rows(db, "SELECT establishment, kind, title, inspection_dates, report_published, submitted "
                     "FROM documents WHERE id = ?", [sha])
    if not rows:
        return None
    from actionplans.extract.establishments import inspected
    row = rows[0]
    est = establishment_of_row(row)
    when, source = inspected(row["inspection_dates"], row["report_published"], row["submitted"])
    db.execute("UPDATE documents SET establishment_id = ?, inspected = ?, inspected_from = ? WHERE id = ?",
               [est.key, when, source, sha])
    return est.key


def refresh(db, ids: Iterable[str]) -> None:
    """Recompute the `establishments` row and the `recurring` links of each establishment in `ids`."""
    for eid in sorted(set(filter(None, ids))):
        _establishment(db, eid)
        _links(db, eid)


def removed(db, ids: Iterable[str]) -> None:
    """After documents are removed (their links deleted with them): refresh the `establishments` row of each
    establishment in `ids`; the links among the documents left stand, unless some were made by another method."""
    for eid in sorted(set(filter(None, ids))):
        _establishment(db, eid)
        if _stale(db, eid):
            _links(db, eid)


def _stale(db, eid: str) -> bool:
    return db.execute("SELECT 1 FROM recurring WHERE establishment_id = ? AND method != ? LIMIT 1",
                      [eid, _method()]).fetchone() is not None


def update(db, sha: str, touched: Iterable[str] = ()) -> None:
    """After a document is written: place it, link its recommendations to those of the rest of its
    establishment, and refresh any other establishments `touched` (those of documents the write removed or
    replaced)."""
    eid = place(db, sha)
    refresh(db, set(filter(None, touched)) - {eid})
    if eid:
        _establishment(db, eid)
        _links(db, eid, only=None if _stale(db, eid) else sha)


def backfill(db) -> None:
    """Place documents loaded before establishments existed, and refresh every establishment once."""
    missing = [r[0] for r in db.execute("SELECT id FROM documents WHERE establishment_id IS NULL").fetchall()]
    if not missing:
        return
    for sha in missing:
        place(db, sha)
    refresh(db, [r[0] for r in db.execute("SELECT DISTINCT establishment_id FROM documents").fetchall()])


def _establishment(db, eid: str) -> None:
    docs = _rows(db, "SELECT establishment, kind, title FROM documents WHERE establishment_id = ? "
                     "ORDER BY inspected, id", [eid])
    if not docs:
        db.execute("DELETE FROM establishments WHERE id = ?", [eid])
        return
    forms = [establishment_of_row(d) for d in docs]
    # One kind for the place: a prison that also holds young adults ("HMP/YOI") stays a prison.
    kind = min((f.kind for f in forms), key=KIND_ORDER.index)
    name = next(f.name for f in forms if f.kind == kind)
    printed = sorted({f.printed for f in forms if f.printed})
    db.execute("INSERT INTO establishments (id, name, kind, place, forms, plans) VALUES (?, ?, ?, ?, ?, ?) "
               "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, place = excluded.place, "
               "forms = excluded.forms, plans = excluded.plans",
               [eid, name, kind, forms[0].place, json.dumps(printed, ensure_ascii=False), len(docs)])


def _method() -> str:
    from actionplans.extract import recurring
    return recurring.METHOD


# text -> its prepared form, for the settings it was prepared with; cleared when it grows past _PREPARED_MAX
_PREPARED: dict[tuple[str, str], object] = {}
_PREPARED_MAX = 50_000


def remember(settings: str, prepared: dict[str, object]) -> None:
    """Texts already prepared (`recurring.prepare`) under the settings whose repr is `settings`, by the workers that
    extracted them, so the writer need not prepare them again; ignored if prepared under other settings."""
    from actionplans.extract import recurring
    if settings != repr(recurring.SETTINGS):
        return
    if len(_PREPARED) + len(prepared) > _PREPARED_MAX:
        _PREPARED.clear()
    for text, form in prepared.items():
        _PREPARED[(text, settings)] = form


def _prepared(texts: Iterable[str]) -> dict[str, object]:
    from actionplans.extract import recurring
    settings = repr(recurring.SETTINGS)
    out = {}
    for text in texts:
        key = (text, settings)
        got = _PREPARED.get(key)
        if got is None:
            if len(_PREPARED) >= _PREPARED_MAX:
                _PREPARED.clear()
            got = _PREPARED[key] = recurring.prepare(text)
        out[text] = got
    return out


def _links(db, eid: str, only: str | None = None) -> None:
    """The `recurring` rows of one establishment: all of them again, or (`only`) those between the
    recommendations of document `only` and the rest, the others left as they are."""
    from actionplans.extract import recurring
    if only is None:
        db.execute("DELETE FROM recurring WHERE establishment_id = ?", [eid])
    else:
        db.execute("DELETE FROM recurring WHERE recommendation_id IN (SELECT id FROM recommendations WHERE "
                   "document_id = ?) OR earlier_id IN (SELECT id FROM recommendations WHERE document_id = ?)",
                   [only, only])
    recs = _rows(db, """
        SELECT r.id, r.text, r.themes, d.id AS document_id, d.inspected,
               (SELECT group_concat(DISTINCT ao.owner_id) FROM action_owners ao JOIN actions a ON a.id = ao.action_id
                  JOIN owners o ON o.id = ao.owner_id WHERE a.recommendation_id = r.id
                  AND CASE WHEN ao.known IS NULL THEN o.level ELSE ao.level END = 'national')
                 AS national_owners
        FROM recommendations r JOIN documents d ON d.id = r.document_id
        WHERE d.establishment_id = ? AND d.inspected IS NOT NULL
        ORDER BY d.inspected, d.id, r.position""", [eid])
    if len({r["document_id"] for r in recs}) < 2:
        return
    if only is not None and not any(r["document_id"] == only for r in recs):
        return
    national = eid.startswith("national")
    prepared = _prepared(r["text"] for r in recs)
    if only is None:  # every pair of an earlier inspection's recommendation and a later one's
        pairs = [(earlier, later) for n, later in enumerate(recs) for earlier in recs[:n]
                 if earlier["inspected"] < later["inspected"]]
    else:  # only the pairs the document takes part in: the others' rows stand
        mine = [r for r in recs if r["document_id"] == only]
        pairs = [(e, m) for m in mine for e in recs if e["inspected"] < m["inspected"]] + [
            (m, later) for m in mine for later in recs if m["inspected"] < later["inspected"]]
    found = []
    for earlier, later in pairs:
        if national and not _same_theme_and_owner(earlier, later):
            continue
        m = recurring.compare(prepared[earlier["text"]], prepared[later["text"]])
        if m.same:
            found.append([later["id"], earlier["id"], m.score, recurring.METHOD, ", ".join(m.words), eid])
    conn = getattr(db, "conn", db)  # a sqlite-utils Database or a plain connection
    conn.executemany("INSERT INTO recurring (recommendation_id, earlier_id, score, method, words, establishment_id) "
                     "VALUES (?, ?, ?, ?, ?, ?)", found)


def _same_theme_and_owner(a: dict, b: dict) -> bool:
    """National plans answer many reviews: a repeat must share a theme and a national owner."""
    themes = set(json.loads(a["themes"] or "[]")) & set(json.loads(b["themes"] or "[]"))
    owners = set((a["national_owners"] or "").split(",")) & set((b["national_owners"] or "").split(","))
    return bool(themes) and bool(owners - {""})

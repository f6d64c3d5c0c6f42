"""The flat rows spreadsheet users ask for: one row per action, or one per recommendation, everything beside it.

In: a database connection (sqlite3, read-only is enough), the date to count overdue actions against, and
optionally the address of the site serving the database. Out: a header and rows (lists), with themes and
groups as their human labels, decisions as printed words, overdue as yes/no with the days since the due
date, and a link to the PDF page each record was read from. `actionplans export` and the site's CSV links
write the same rows; `write_csv` adds the byte-order mark Excel needs to read UTF-8 (curly quotes, accents).
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import TextIO

from . import vocabulary
from .schema import UNMARKED, decision_group, overdue

KINDS = ("actions", "recommendations")
BOM = "\ufeff"

ACTION_COLUMNS = [
    "document", "establishment", "provenance", "submitted", "ref", "section", "recommendation", "decision",
    "action_no", "action", "owners_as_printed", "owners", "target_text", "due", "status", "overdue",
    "days_overdue", "as_of", "themes", "groups", "page", "pdf_page", "source_page", "pdf", "action_id",
    "recommendation_id", "document_id"]
RECOMMENDATION_COLUMNS = [
    "document", "establishment", "provenance", "submitted", "ref", "section", "recommendation", "decision",
    "answer", "response", "themes", "groups", "actions", "dated_actions", "overdue_actions", "most_days_overdue",
    "as_of", "first_page", "pdf_page", "source_page", "pdf", "recommendation_id", "document_id"]
# What each column holds, for the README and the site (columns shared with the views keep their view wording).
DESCRIPTIONS = {
    "overdue": "yes when the target date had passed on as_of and the plan does not mark the action completed",
    "days_overdue": "Days from the due date to as_of, for overdue actions. The plan's later progress is not "
                    "known: this is time since the promised date, not proven delay",
    "as_of": "The date overdue is counted against",
    "pdf_page": "Link to the PDF at the page the record was read from",
    "source_page": "Link to the site's page showing the record beside its PDF page (when exported from the site "
                   "or with --base-url)",
    "dated_actions": "Actions with a due date", "overdue_actions": "Actions overdue as of as_of",
    "most_days_overdue": "Days overdue of the most overdue action",
}

_ACTIONS_SQL = f"""
SELECT d.title, d.establishment, d.provenance, d.submitted, r.ref, r.section, r.text, r.decision, a.position,
  a.text, a.owner_text, (SELECT group_concat(ao.text, '; ') FROM action_owners ao WHERE ao.action_id = a.id),
  a.target_text, a.due, a.status, {overdue(":as_of")} AS is_overdue,
  CAST(julianday(:as_of) - julianday(a.due) AS INTEGER), a.themes, a.groups, a.page, d.path, d.url,
  a.id, r.id, d.id
FROM actions a JOIN recommendations r ON r.id = a.recommendation_id JOIN documents d ON d.id = a.document_id
WHERE (:real = 0 OR coalesce(d.provenance, '') != 'sample')
ORDER BY d.title, r.position, a.position"""

_RECOMMENDATIONS_SQL = f"""
SELECT d.title, d.establishment, d.provenance, d.submitted, r.ref, r.section, r.text, r.decision,
  {decision_group()}, r.response, r.themes, r.groups, r.actions,
  (SELECT count(*) FROM actions a WHERE a.recommendation_id = r.id AND a.due IS NOT NULL),
  (SELECT count(*) FROM actions a WHERE a.recommendation_id = r.id AND {overdue(":as_of")}),
  (SELECT max(CAST(julianday(:as_of) - julianday(a.due) AS INTEGER)) FROM actions a
     WHERE a.recommendation_id = r.id AND {overdue(":as_of")}),
  r.first_page, d.path, d.url, r.id, d.id
FROM recommendations r JOIN documents d ON d.id = r.document_id
WHERE (:real = 0 OR coalesce(d.provenance, '') != 'sample')
ORDER BY d.title, r.position"""


def _pdf_page(base_url: str | None, document_id: str, path: str | None, url: str | None, page: int | None) -> str:
    at = f"#page={page}" if page else ""
    if base_url:
        return f"{base_url}/-/pdf/{document_id}{at}"
    return f"{url or path or ''}{at}"


def rows(conn: sqlite3.Connection, kind: str = "actions", as_of: dt.date | None = None,
         base_url: str | None = None, real_only: bool = False) -> tuple[list[str], Iterable[list]]:
    """(header, rows) of the flat `kind` ("actions" or "recommendations"), overdue counted as of `as_of`
    (default today); `real_only` leaves out the samples made for this project."""
    if kind not in KINDS:
        raise ValueError(f"no flat rows of {kind!r}; choose {' or '.join(KINDS)}")
    day = (as_of or dt.date.today()).isoformat()
    base = base_url.rstrip("/") if base_url else None
    params = {"as_of": day, "real": int(real_only)}
    label = vocabulary.label
    if kind == "actions":
        def gen():
            for (title, est, prov, sub, ref, section, rec, dec, pos, text, owner_text, owners, target, due, status,
                 late, days, themes, groups, page, path, url, aid, rid, did) in conn.execute(_ACTIONS_SQL, params):
                yield [title, est, label(prov), sub, ref, section, rec, label(dec), pos, text, owner_text, owners,
                       target, due, "overdue" if late and status in (None, *UNMARKED) else label(status),
                       "yes" if late else "no", days if late else None, day, vocabulary.labels_of(themes),
                       vocabulary.labels_of(groups), page, _pdf_page(base, did, path, url, page),
                       f"{base}/-/source/action/{aid}" if base else None, url or path, aid, rid, did]
        return ACTION_COLUMNS, gen()

    def gen_recs():
        for (title, est, prov, sub, ref, section, rec, dec, answer, response, themes, groups, n, dated, late, most,
             page, path, url, rid, did) in conn.execute(_RECOMMENDATIONS_SQL, params):
            yield [title, est, label(prov), sub, ref, section, rec, label(dec), answer, response,
                   vocabulary.labels_of(themes), vocabulary.labels_of(groups), n, dated, late, most, day, page,
                   _pdf_page(base, did, path, url, page), f"{base}/-/source/recommendation/{rid}" if base else None,
                   url or path, rid, did]
    return RECOMMENDATION_COLUMNS, gen_recs()


def write_csv(out: TextIO, header: list[str], data: Iterable[list], bom: bool = False) -> None:
    """CSV as Datasette writes it (CRLF line ends, header even with no rows); `bom` first for Excel."""
    if bom:
        out.write(BOM)
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(data)

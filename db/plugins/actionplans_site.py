"""Datasette plugin: links from every record back to its PDF page, the page images, charts and the home page's figures.

Routes (all read-only, all looked up in the `documents` table, so only documents in the database are served):
  /-/pdf/<document_id>                         the PDF itself
  /-/page/<document_id>/<page>.png?box=x0,top,x1,bottom   a page drawn with the box(es) marked
  /-/source/(recommendation|action)/<id>       a record beside its page image, to check it by eye
  /-/charts?as_of=YYYY-MM-DD                   decisions per plan, actions due per month, specific commitments
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from urllib.parse import urlencode

from actionplans.db import charts, sources
from actionplans.db.schema import overdue
from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

DOC_ID = r"(?P<document_id>[0-9a-f]{64})"
RECORD_ID = re.compile(r"^[0-9a-f]{16}-r\d{3,}(-a\d{3,})?$")


def fts_words(q: str | None) -> str:
    """Words typed by a person -> an FTS5 query matching all of them, whatever punctuation they contain."""
    words = re.findall(r"\w+", q or "")
    return " ".join(f'"{w}"' for w in words) or '""'


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_words", 1, fts_words, deterministic=True)


def _db(datasette):
    return datasette.get_database()


async def _document(datasette, document_id: str) -> dict:
    db = _db(datasette)
    rows = (await db.execute("SELECT id, path, pages, title FROM documents WHERE id = ?", [document_id])).rows
    if not rows:
        raise NotFound("No document with that id in the database")
    doc = dict(rows[0])
    paths = [doc["path"]]
    if "document_paths" in await db.table_names():
        paths += [r["path"] for r in (await db.execute(
            "SELECT path FROM document_paths WHERE document_id = ? AND path IS NOT NULL", [document_id])).rows]
    try:
        doc["file"] = await asyncio.get_running_loop().run_in_executor(None, sources.locate, paths, document_id)
    except sources.SourceMissing as e:
        raise NotFound(f"{doc['title'] or doc['path']}: {e}") from None
    return doc


async def pdf(datasette, request):
    doc = await _document(datasette, request.url_vars["document_id"])
    body = await asyncio.get_running_loop().run_in_executor(None, doc["file"].read_bytes)
    return Response(body, content_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{doc["file"].name}"'})


async def page_image(datasette, request):
    doc = await _document(datasette, request.url_vars["document_id"])
    page = int(request.url_vars["page"])
    if not 1 <= page <= (doc["pages"] or 0):
        raise NotFound(f"This document has pages 1 to {doc['pages']}")
    boxes = tuple(b for b in (sources.parse_box(v) for v in request.args.getlist("box")) if b)
    try:
        scale = float(request.args.get("scale", "1.5"))
    except ValueError:
        scale = 1.5
    png = await asyncio.get_running_loop().run_in_executor(
        None, sources.render_page, str(doc["file"]), page, boxes, scale)
    return Response(png, content_type="image/png", headers={"Cache-Control": "max-age=3600"})


def page_url(datasette, document_id: str, page: int, bbox: str | None = None) -> str:
    box = sources.parse_box(bbox) if bbox else None
    query = "?" + urlencode({"box": sources.box_param(box)}) if box else ""
    return datasette.urls.path(f"/-/page/{document_id}/{page}.png{query}")


def pdf_url(datasette, document_id: str, page: int | None = None) -> str:
    return datasette.urls.path(f"/-/pdf/{document_id}") + (f"#page={page}" if page else "")


def source_url(datasette, kind: str, record_id: str) -> str:
    return datasette.urls.path(f"/-/source/{kind}/{record_id}")


async def source(datasette, request):
    kind, record_id = request.url_vars["kind"], request.url_vars["id"]
    db = _db(datasette)
    if kind == "action":
        rows = (await db.execute(
            """SELECT a.*, r.ref, r.text AS recommendation, r.decision, r.decision_text, r.id AS rid,
                      d.title AS document, d.establishment, d.path AS pdf, d.pages AS document_pages
               FROM actions a JOIN recommendations r ON r.id = a.recommendation_id
                    JOIN documents d ON d.id = a.document_id WHERE a.id = ?""", [record_id])).rows
    else:
        rows = (await db.execute(
            """SELECT r.*, r.text AS recommendation, r.id AS rid, d.title AS document, d.establishment,
                      d.path AS pdf, d.pages AS document_pages
               FROM recommendations r JOIN documents d ON d.id = r.document_id WHERE r.id = ?""",
            [record_id])).rows
    if not rows:
        raise NotFound(f"No {kind} with id {record_id}")
    rec = dict(rows[0])
    doc_id = rec["document_id"]
    if kind == "action":
        pages = [rec["page"]]
        images = [{"page": rec["page"], "src": page_url(datasette, doc_id, rec["page"], rec["bbox"]),
                   "marked": bool(rec["bbox"])}]
        owners = [r["text"] for r in (await db.execute(
            "SELECT text FROM action_owners WHERE action_id = ? ORDER BY position", [record_id])).rows]
        actions = []
    else:
        pages = json.loads(rec["pages"] or "[]") or [rec["first_page"]]
        images = [{"page": p, "src": page_url(datasette, doc_id, p, rec["bbox"] if i == 0 else None),
                   "marked": i == 0 and bool(rec["bbox"])} for i, p in enumerate(pages)]
        owners = []
        actions = [dict(r, source=source_url(datasette, "action", r["id"])) for r in (await db.execute(
            "SELECT id, position, text, owner_text, target_text, due, status, page FROM actions "
            "WHERE recommendation_id = ? ORDER BY position", [record_id])).rows]
    try:
        await _document(datasette, doc_id)
        missing = None
    except NotFound as e:
        missing = str(e)
    database = db.name
    return Response.html(await datasette.render_template("source.html", {
        "kind": kind, "rec": rec, "owners": owners, "actions": actions, "images": images, "missing": missing,
        "pdf_url": pdf_url(datasette, doc_id, pages[0]),
        "row_url": datasette.urls.row(database, "actions" if kind == "action" else "recommendations", record_id),
        "recommendation_source": source_url(datasette, "recommendation", rec["rid"]),
        "document_url": datasette.urls.row(database, "documents", doc_id), "metadata": datasette.metadata(),
    }, request=request))


def _as_of(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.args.get("as_of") or "")
    except ValueError:
        return dt.date.today()


async def charts_page(datasette, request):
    db = _db(datasette)
    as_of = _as_of(request)
    name = db.name
    urls = datasette.urls

    def table(t, **filters):
        return urls.table(name, t) + "?" + urlencode(filters)

    def query(sql, **params):
        return urls.database(name) + "?" + urlencode({"sql": sql.strip(), **params})

    decision_filter = {"agreed": "agreed,accepted", "partly_agreed": "partly_agreed,partly_accepted",
                       "not_agreed": "not_agreed,not_accepted,rejected"}

    def decision_link(row, key):
        f = {"document_id": row["document_id"]}
        if key == "no_decision":
            f["decision__isnull"] = "1"
        else:
            f["decision__in"] = decision_filter[key]
        return table("recommendations", **f)

    def month_link(month, key):
        if key == "overdue":
            return urls.query(name, "overdue_as_of") + "?" + urlencode({"as_of": as_of.isoformat()})
        return table("action_rows", due__startswith=month)

    def specificity_link(row, key):
        lacks = {"no_date": "no date", "no_owner": "no owner", "neither": "no owner, no date"}.get(key)
        if lacks:
            return table("vague_actions", document_id=row["document_id"], lacks=lacks)
        return table("action_rows", document_id=row["document_id"])

    decisions = [dict(r) for r in (await db.execute(charts.DECISIONS_SQL)).rows]
    months = [dict(r) for r in (await db.execute(charts.DUE_MONTHS_SQL, {"as_of": as_of.isoformat()})).rows]
    specific = [dict(r) for r in (await db.execute(charts.SPECIFICITY_SQL)).rows]
    figures = [
        {"id": "decisions", "title": "Decisions per plan",
         "text": "How HMPPS answered each plan's recommendations. Click a segment for the recommendations.",
         "svg": charts.stacked_bars(decisions, charts.ANSWERS, decision_link, "Decisions per plan",
                                    "recommendations"),
         "data": query(charts.DECISIONS_SQL)},
        {"id": "due", "title": "Actions due per month",
         "text": f"Actions by the month their target date falls in. Red: still open after the date, as of "
                 f"{as_of.isoformat()}. Actions with no date ('ongoing', blank) are not shown.",
         "svg": charts.due_months(months, as_of, month_link),
         "data": query(charts.DUE_MONTHS_SQL, as_of=as_of.isoformat())},
        {"id": "specific", "title": "Who and by when: how specific are the commitments?",
         "text": "Share of each plan's actions with an owner and a due date printed beside them, or lacking one "
                 "or both (lead-ins that only introduce bullets are left out). The number is the plan's actions.",
         "svg": charts.stacked_bars(specific, charts.SPECIFICITY, specificity_link, "Specific commitments per plan",
                                    "actions", share=True),
         "data": query(charts.SPECIFICITY_SQL)},
    ]
    for f in figures:
        f["svg"] = Markup(f["svg"])
    return Response.html(await datasette.render_template("charts.html", {
        "figures": figures, "as_of": as_of.isoformat(), "database": name, "metadata": datasette.metadata()},
        request=request))


@hookimpl
def register_routes():
    return [
        (rf"^/-/pdf/{DOC_ID}$", pdf),
        (rf"^/-/page/{DOC_ID}/(?P<page>\d{{1,5}})\.png$", page_image),
        (r"^/-/source/(?P<kind>recommendation|action)/(?P<id>[0-9a-f]{16}-r\d{3,}(?:-a\d{3,})?)$", source),
        (r"^/-/charts$", charts_page),
    ]


def _keys(row) -> list[str]:
    return list(row.keys()) if hasattr(row, "keys") else []


@hookimpl
def render_cell(row, value, column, table, datasette):
    """Page numbers become links to the record beside its page image; PDF paths link to the PDF."""
    if value is None:
        return None
    keys = _keys(row)
    if column in ("page", "first_page"):
        kind = rid = None
        if table == "actions" and "id" in keys:
            kind, rid = "action", row["id"]
        elif table == "recommendations" and "id" in keys:
            kind, rid = "recommendation", row["id"]
        elif "action_id" in keys and row["action_id"]:
            kind, rid = "action", row["action_id"]
        elif "recommendation_id" in keys and row["recommendation_id"]:
            kind, rid = "recommendation", row["recommendation_id"]
        if kind and isinstance(rid, str) and RECORD_ID.match(rid):
            return Markup(f'<a class="source-link" href="{escape(source_url(datasette, kind, rid))}" '
                          f'title="See this {kind} on page {escape(value)} of the PDF">p.&nbsp;{escape(value)}</a>')
    if column == "pdf" and "document_id" in keys and row["document_id"]:
        return Markup(f'<a href="{escape(pdf_url(datasette, row["document_id"]))}">{escape(value)}</a>')
    if column == "path" and table == "documents" and "id" in keys:
        return Markup(f'<a href="{escape(pdf_url(datasette, row["id"]))}">{escape(value)}</a>')
    return None


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/charts"), "label": "Charts"}]


@hookimpl
def extra_css_urls():
    return ["/static/actionplans.css"]


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return {}

    async def figures():
        db = _db(datasette)
        one = (await db.execute(f"""SELECT (SELECT count(*) FROM documents) AS plans,
            (SELECT count(*) FROM recommendations) AS recommendations, (SELECT count(*) FROM actions) AS actions,
            (SELECT count(*) FROM actions a WHERE {overdue("date('now')")}) AS overdue,
            (SELECT count(*) FROM contested_recommendations) AS contested,
            (SELECT count(*) FROM vague_actions) AS vague""")).rows[0]
        queries = await datasette.get_canned_queries(db.name, None)
        return {"ap": {"db": db.name, "figures": dict(one), "today": dt.date.today().isoformat(),
                       "queries": [{"name": k, "title": q.get("title") or k, "description": q.get("description"),
                                    "url": datasette.urls.query(db.name, k)} for k, q in queries.items()],
                       "tables": {t: datasette.urls.table(db.name, t) for t in await db.table_names()
                                  + await db.view_names()}}}
    return figures

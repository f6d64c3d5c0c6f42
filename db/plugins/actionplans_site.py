"""Datasette plugin: pages people read, links from every record back to its PDF page, charts and CSV.

Routes (all read-only, all looked up in the database, so only what it holds is served; anything else is a 404
page, with no traceback on the console). Every page that counts overdue actions takes `?as_of=` (a date
written the UK way or as ISO; default today) and says what overdue means:
  /plan/<document_id>                          a plan: header, decisions, every recommendation and action
  /prison/<slug>                               a prison or service: its plans over time
  /theme, /theme?q=words, /theme/<key>         themes and groups of prisoners, found by the words people use
  /owner, /owner/<owner_id>                    who owns what, and what is overdue
  /-/csv/(actions|recommendations).csv         the flat CSV (?as_of=, ?real=1, ?_bom=1 for Excel)
  /-/pdf/<document_id>                         the PDF itself
  /-/page/<document_id>/<page>.png?box=x0,top,x1,bottom   a page drawn with the box(es) marked
  /-/source/(recommendation|action)/<id>       a record beside its page image, to check it by eye
  /-/charts?as_of=YYYY-MM-DD                   decisions per plan, actions due per month, specific commitments
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
from urllib.parse import urlencode

from actionplans.db import charts, flat, pages, params, sources, vocabulary
from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils.asgi import Base400, NotFound, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

DOC_ID = r"(?P<document_id>[0-9a-f]{64})"
RECORD_ID = re.compile(r"^[0-9a-f]{16}-r\d{3,}(-a\d{3,})?$")


def fts_words(q: str | None) -> str:
    """Words typed by a person -> an FTS5 query matching all of them, whatever punctuation they contain."""
    words = re.findall(r"\w+", q or "")
    return " ".join(f'"{w}"' for w in words) or '""'


def theme_keys(words: str | None) -> str:
    """What a person typed -> a JSON list of the theme and group keys it names (SQL: ap_theme_keys)."""
    return json.dumps(vocabulary.find(words))


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_words", 1, fts_words, deterministic=True)
    conn.create_function("ap_date", 1, params.iso_date, deterministic=True)
    conn.create_function("ap_theme_keys", 1, theme_keys, deterministic=True)


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["ap_label"] = vocabulary.label
    env.filters["ap_labels"] = lambda stored: [vocabulary.label(k) for k in json.loads(stored or "[]")]
    env.filters["ap_slug"] = pages.slug


# Datasette's own exception handler prints a traceback for every 404 (and fails doing so for a 404 that was never
# raised); this one replaces it, so it must answer every exception: client errors quietly, the rest with a
# traceback in the log.
pm.set_blocked("datasette.handle_exception")
log = logging.getLogger("actionplans.site")


@hookimpl
def handle_exception(datasette, request, exception):
    """Ordinary client errors (404, a bad query: status under 500) get the site's error page and nothing on the
    console; anything else is logged with its traceback and answered with a 500 page."""
    status = getattr(exception, "status", 500)
    if isinstance(exception, DatasetteError):
        message = Markup(exception.message) if exception.message_is_html else exception.message
    else:
        message = exception.args[0] if exception.args else "Not found"
    if status >= 500 or not isinstance(exception, Base400 | DatasetteError):
        status = 500
        message = str(exception)
        log.error("%s %s failed", request.method, request.path, exc_info=exception)

    async def page():
        if request.path.endswith(".json"):
            return Response.json({"ok": False, "error": str(message), "status": status}, status=status)
        html = await datasette.render_template(["ap_error.html"], {
            "status": status, "error": message, "metadata": datasette.metadata()}, request=request)
        return Response.html(html, status=status)
    return page


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
                      d.title AS document, d.establishment, d.path AS pdf, d.pages AS document_pages,
                      d.provenance
               FROM actions a JOIN recommendations r ON r.id = a.recommendation_id
                    JOIN documents d ON d.id = a.document_id WHERE a.id = ?""", [record_id])).rows
    else:
        rows = (await db.execute(
            """SELECT r.*, r.text AS recommendation, r.id AS rid, d.title AS document, d.establishment,
                      d.path AS pdf, d.pages AS document_pages, d.provenance
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
        "document_url": datasette.urls.path(f"/plan/{doc_id}"), "metadata": datasette.metadata(),
        "plan_anchor": datasette.urls.path(f"/plan/{doc_id}#rec-{rec['rid']}"),
    }, request=request))


def _as_of(request) -> dt.date:
    """The date overdue is counted against: `?as_of=` as a person writes it, else today."""
    return params.read_date(request.args.get("as_of")) or dt.date.today()


def _reading(request) -> dict:
    """What every reading page shares: the as-of date (and a line when the one given could not be read)."""
    given = request.args.get("as_of")
    day = _as_of(request)
    error = params.check("as_of", given) if given is not None else None
    return {"as_of": day.isoformat(), "as_of_error": error, "today": day == dt.date.today()}


async def _page(datasette, request, template: str, context: dict) -> Response:
    return Response.html(await datasette.render_template(template, {
        **context, "database": _db(datasette).name, "metadata": datasette.metadata()}, request=request))


async def plan_page(datasette, request):
    r = _reading(request)
    data = await pages.plan(_db(datasette), request.url_vars["document_id"], r["as_of"])
    if data is None:
        raise NotFound("No plan with that id in the database")
    return await _page(datasette, request, "ap_plan.html", {**r, **data})


async def prison_page(datasette, request):
    r = _reading(request)
    data = await pages.prison(_db(datasette), request.url_vars["slug"], r["as_of"])
    if data is None:
        raise NotFound("No prison or service of that name in the database")
    return await _page(datasette, request, "ap_prison.html", {**r, **data})


async def themes_page(datasette, request):
    """All themes and groups; `?q=` finds them by the words people use, going straight to a single match."""
    q = request.args.get("q")
    found = vocabulary.find(q) if q else []
    if q and len(found) == 1:
        return Response.redirect(datasette.urls.path(f"/theme/{found[0]}"))
    return await _page(datasette, request, "ap_themes.html", {
        **_reading(request), "q": q, "found": found, "themes": await pages.theme_counts(_db(datasette))})


async def theme_page(datasette, request):
    r = _reading(request)
    data = await pages.theme(_db(datasette), request.url_vars["key"], r["as_of"])
    if data is None:
        raise NotFound("No theme or group with that name: see /theme for the list")
    return await _page(datasette, request, "ap_theme.html", {**r, **data})


async def owners_page(datasette, request):
    r = _reading(request)
    return await _page(datasette, request, "ap_owners.html", {**r, "owners": await pages.owners(_db(datasette),
                                                                                                r["as_of"])})


async def owner_page(datasette, request):
    r = _reading(request)
    data = await pages.owner(_db(datasette), request.url_vars["owner_id"], r["as_of"])
    if data is None:
        raise NotFound("No owner with that id in the database")
    return await _page(datasette, request, "ap_owner.html", {**r, **data})


async def flat_csv(datasette, request):
    """The flat CSV, as `actionplans export` writes it, with links back to this site's pages."""
    import io
    import sqlite3

    kind = request.url_vars["kind"]
    day = _as_of(request)
    base = f"{request.scheme}://{request.host}{datasette.urls.path('/').rstrip('/')}"
    real = request.args.get("real") == "1"
    bom = request.args.get("_bom") == "1"

    def build() -> str:
        conn = sqlite3.connect(f"file:{_db(datasette).path}?mode=ro", uri=True)
        try:
            out = io.StringIO()
            flat.write_csv(out, *flat.rows(conn, kind, as_of=day, base_url=base, real_only=real), bom=bom)
            return out.getvalue()
        finally:
            conn.close()
    body = await asyncio.get_running_loop().run_in_executor(None, build)
    name = f"{kind}-as-of-{day.isoformat()}.csv"
    return Response(body, content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


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
        (rf"^/plan/{DOC_ID}$", plan_page),
        (r"^/prison/(?P<slug>[a-z0-9-]+)$", prison_page),
        (r"^/theme/?$", themes_page),
        (r"^/theme/(?P<key>[a-z0-9_]+)$", theme_page),
        (r"^/owner/?$", owners_page),
        (r"^/owner/(?P<owner_id>[a-z0-9-]+)$", owner_page),
        (r"^/-/csv/(?P<kind>actions|recommendations)\.csv$", flat_csv),
        (rf"^/-/pdf/{DOC_ID}$", pdf),
        (rf"^/-/page/{DOC_ID}/(?P<page>\d{{1,5}})\.png$", page_image),
        (r"^/-/source/(?P<kind>recommendation|action)/(?P<id>[0-9a-f]{16}-r\d{3,}(?:-a\d{3,})?)$", source),
        (r"^/-/charts$", charts_page),
    ]


def _keys(row) -> list[str]:
    return list(row.keys()) if hasattr(row, "keys") else []


def _link(href: str, text: str, title: str | None = None, cls: str | None = None) -> Markup:
    attrs = f' title="{escape(title)}"' if title else ""
    attrs += f' class="{cls}"' if cls else ""
    return Markup(f'<a href="{escape(href)}"{attrs}>{escape(text)}</a>')


TAG_COLUMNS = ("themes", "groups", "verbs")
LABEL_COLUMNS = ("decision", "status", "level", "provenance", "precision", "kind")


@hookimpl
def render_cell(row, value, column, table, datasette):
    """Records link to the pages people read: page numbers to the record beside its PDF page, plans, prisons,
    owners and ids to their pages (ids shortened), stored keys and JSON lists shown as the words people use."""
    if value is None:
        return None
    keys = _keys(row)
    path = datasette.urls.path
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
    if column == "document_id":
        label = value.get("label") if isinstance(value, dict) else None
        doc_id = value.get("value") if isinstance(value, dict) else value
        if isinstance(doc_id, str) and re.fullmatch(r"[0-9a-f]{64}", doc_id):
            return _link(path(f"/plan/{doc_id}"), label or f"plan {doc_id[:8]}…", f"The plan's page ({doc_id})",
                         "ap-id")
    if column in ("action_id", "recommendation_id") and isinstance(value, str) and RECORD_ID.match(value):
        kind = column.removesuffix("_id")
        return _link(source_url(datasette, kind, value), value[17:], f"This {kind} beside its PDF page ({value})",
                     "ap-id")
    if column == "owner_id" or (column in ("owner", "name") and table in (None, "owners", "owner_actions")
                                and ("owner_id" in keys or (table == "owners" and "id" in keys))):
        oid = value.get("value") if isinstance(value, dict) else (
            row["owner_id"] if "owner_id" in keys else row["id"] if column == "name" else value)
        text = value.get("label") if isinstance(value, dict) else value
        if isinstance(oid, str) and oid:
            return _link(path(f"/owner/{oid}"), text, "What this role owns, and what is overdue")
    if column == "establishment" and isinstance(value, str) and value:
        return _link(path(f"/prison/{pages.slug(value)}"), value, "This prison's plans over time")
    if (column == "title" and table == "documents" and "id" in keys) or (
            column == "document" and "document_id" in keys and row["document_id"]):
        doc_id = row["id"] if column == "title" else row["document_id"]
        if isinstance(doc_id, dict):
            doc_id = doc_id.get("value")
        return _link(path(f"/plan/{doc_id}"), value, "Read the plan as a page")
    if column in TAG_COLUMNS and isinstance(value, str) and value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return None
        if column == "verbs":
            return ", ".join(items)
        return Markup(", ".join(str(_link(path(f"/theme/{k}"), vocabulary.label(k), "Across every plan"))
                                for k in items))
    if column in LABEL_COLUMNS and isinstance(value, str) and value in vocabulary.LABELS:
        return vocabulary.label(value)
    return None


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/theme"), "label": "Themes"},
            {"href": datasette.urls.path("/owner"), "label": "Owners"},
            {"href": datasette.urls.path("/-/charts"), "label": "Charts"}]


@hookimpl
def extra_css_urls():
    return ["/static/actionplans.css"]


async def _samples(db) -> int:
    if "provenance" not in await db.table_columns("documents"):
        return 0
    return (await db.execute("SELECT count(*) FROM documents WHERE provenance = 'sample'")).rows[0][0]


async def _row_links(datasette, db, table: str, pk: str) -> dict:
    """For a Datasette row page: the reading pages about this row, and whether its plan is a sample."""
    path = datasette.urls.path
    links, doc_id = [], None
    if table == "documents":
        doc_id = pk
        links.append(("Read this plan as a page", path(f"/plan/{pk}")))
    elif table in ("recommendations", "actions") and RECORD_ID.match(pk):
        kind = table[:-1]
        rows = (await db.execute(f"SELECT document_id FROM [{table}] WHERE id = ?", [pk])).rows
        doc_id = rows[0][0] if rows else None
        links.append((f"This {kind} beside its PDF page", source_url(datasette, kind, pk)))
        if doc_id:
            rid = pk if kind == "recommendation" else pk.rsplit("-a", 1)[0]
            links.append(("Its plan, as a page", path(f"/plan/{doc_id}#rec-{rid}")))
    elif table == "owners":
        links.append(("What this role owns, and what is overdue", path(f"/owner/{pk}")))
    provenance = None
    if doc_id and "provenance" in await db.table_columns("documents"):
        rows = (await db.execute("SELECT provenance FROM documents WHERE id = ?", [doc_id])).rows
        provenance = rows[0][0] if rows else None
    return {"links": links, "provenance": provenance}


@hookimpl
def extra_template_vars(template, datasette, request, view_name):
    async def context():
        db = _db(datasette)
        out: dict = {"ap_db": db.name, "ap_nav": [
            ("Home", datasette.urls.path("/")), ("Themes", datasette.urls.path("/theme")),
            ("Owners", datasette.urls.path("/owner")), ("Charts", datasette.urls.path("/-/charts")),
            ("Overdue as of a date", datasette.urls.query(db.name, "overdue_as_of")),
            ("All tables", datasette.urls.database(db.name))]}
        if template in ("table.html", "query.html", "database.html", "row.html", "ap_themes.html",
                        "ap_owners.html", "charts.html"):
            out["ap_samples"] = await _samples(db)
        if template == "index.html":
            r = _reading(request) if request else {"as_of": dt.date.today().isoformat(), "as_of_error": None}
            real = bool(request and request.args.get("real") == "1")
            queries = await datasette.get_canned_queries(db.name, None)
            out["ap"] = {**r, **await pages.home(db, r["as_of"], real), "real": real, "db": db.name,
                         "queries": [{"name": k, "title": q.get("title") or k, "description": q.get("description"),
                                      "url": datasette.urls.query(db.name, k)} for k, q in queries.items()],
                         "tables": {t: datasette.urls.table(db.name, t) for t in await db.table_names()
                                    + await db.view_names()}}
        if template == "row.html" and request:
            table = request.url_vars.get("table")
            pk = request.url_vars.get("pks")
            if table and pk:
                out["ap_row"] = await _row_links(datasette, db, table, pk)
        if template == "query.html" and request:
            name = request.url_vars.get("table")
            queries = await datasette.get_canned_queries(db.name, None)
            if name in queries:
                names = re.findall(r"(?<!:):(\w+)", queries[name]["sql"])
                wanted = list(dict.fromkeys(n for n in names if n in params.PARAMS))
                errors = [m for m in (params.check(n, request.args.get(n)) for n in wanted) if m]
                out["ap_query"] = {
                    "params": [{"name": n, **params.PARAMS[n], "value": request.args.get(n, "")} for n in wanted],
                    "errors": errors, "asked": any(n in request.args for n in wanted)}
        return out
    return context

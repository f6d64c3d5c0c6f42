"""Datasette plugin: following an establishment's recommendations from one inspection to the next.

Routes (read-only, looked up in the database: anything it does not hold is a 404). Pages that count overdue
actions take `?as_of=` (a date written the UK way or as ISO; default today) and say what overdue means:
  /timeline                             every establishment, those inspected more than once first
  /timeline/<establishment_id>          one establishment's plans in inspection order, recommendations per theme,
                                        and the recommendations made again
  /repeated                             every recommendation made again, beside the earlier one(s)
  /repeated/<recommendation_id>         one of them: both texts, both answers, the earlier plan's actions with
                                        owners and due dates, and which were overdue at the re-inspection
  /theme-years                          every theme across every establishment, by the year of the inspection

The data comes from `actionplans.db.history`; the site's plan, prison and theme pages link here through the
`ap_history` template variable this plugin adds to them.
"""

from __future__ import annotations

import datetime as dt

from actionplans.db import history, pages, params
from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

EST_ID = r"(?P<establishment_id>[a-z0-9-]+)"
REC_ID = r"(?P<recommendation_id>[0-9a-f]{16}-r\d{3,})"


def _db(datasette):
    return datasette.get_database()


def _reading(request) -> dict:
    """The as-of date overdue is counted against (`?as_of=`, else today), and a line when it could not be read."""
    given = request.args.get("as_of")
    day = params.read_date(given) or dt.date.today()
    return {"as_of": day.isoformat(), "as_of_error": params.check("as_of", given) if given is not None else None}


async def _page(datasette, request, template: str, context: dict) -> Response:
    return Response.html(await datasette.render_template(template, {
        **context, "database": _db(datasette).name, "metadata": datasette.metadata()}, request=request))


async def timelines_page(datasette, request):
    return await _page(datasette, request, "ap_timelines.html",
                       {"establishments": await history.establishments(_db(datasette))})


async def timeline_page(datasette, request):
    r = _reading(request)
    data = await history.timeline(_db(datasette), request.url_vars["establishment_id"], r["as_of"])
    if data is None:
        raise NotFound("No establishment with that id in the database")
    return await _page(datasette, request, "ap_timeline.html", {**r, **data})


async def repeats_page(datasette, request):
    repeats = await history.repeated_list(_db(datasette))
    return await _page(datasette, request, "ap_repeats.html", {
        "repeats": repeats, "samples": sum(x["provenance"] == "sample" for x in repeats)})


async def repeated_page(datasette, request):
    data = await history.repeated(_db(datasette), request.url_vars["recommendation_id"])
    if data is None:
        raise NotFound("That recommendation does not repeat an earlier one in this database")
    return await _page(datasette, request, "ap_repeated.html", data)


async def theme_years_page(datasette, request):
    r = _reading(request)
    return await _page(datasette, request, "ap_theme_years.html", {**r, **await history.theme_years(
        _db(datasette), r["as_of"])})


@hookimpl
def register_routes():
    return [
        (r"^/timeline/?$", timelines_page),
        (rf"^/timeline/{EST_ID}$", timeline_page),
        (r"^/repeated/?$", repeats_page),
        (rf"^/repeated/{REC_ID}$", repeated_page),
        (r"^/theme-years/?$", theme_years_page),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/timeline"), "label": "Prisons over time"},
            {"href": datasette.urls.path("/repeated"), "label": "Recommendations made again"}]


async def _links_for(datasette, template: str, request) -> dict | None:
    """What the site's plan, prison and theme pages need to link here: the establishment's timeline, and for a
    plan the recommendations in it that repeat an earlier one or are repeated later."""
    db = _db(datasette)
    if "recurring" not in await db.table_names():
        return None
    path = datasette.urls.path
    out: dict = {"theme_years": path("/theme-years"), "repeated": path("/repeated")}
    doc_ids: list[str] = []
    if template == "ap_plan.html":
        doc_ids = [request.url_vars.get("document_id", "")]
    elif template == "ap_prison.html":
        names = [e["establishment"] for e in await pages.establishments(db)
                 if e["slug"] == request.url_vars.get("slug")]
        doc_ids = [r[0] for r in (await db.execute("SELECT id FROM documents WHERE establishment = ?",
                                                   names[:1])).rows] if names else []
    if doc_ids:
        marks = ",".join("?" * len(doc_ids))
        est = (await db.execute(f"SELECT DISTINCT establishment_id FROM documents WHERE id IN ({marks})",
                                doc_ids)).rows
        if est and est[0][0]:
            out["timeline"] = path(f"/timeline/{est[0][0]}")
    if template == "ap_plan.html" and doc_ids:
        # recommendation id -> the page of it made again (this one repeats an earlier one) or of its repeat
        rows = (await db.execute("""SELECT c.recommendation_id, c.recommendation_id FROM recurring c
            JOIN recommendations r ON r.id = c.recommendation_id WHERE r.document_id = ?
            UNION SELECT c.earlier_id, c.recommendation_id FROM recurring c
            JOIN recommendations r ON r.id = c.earlier_id WHERE r.document_id = ?""", [doc_ids[0]] * 2)).rows
        out["again"] = {rec: path(f"/repeated/{later}") for rec, later in rows if rec == later}
        out["repeated_later"] = {rec: path(f"/repeated/{later}") for rec, later in rows if rec != later}
    return out


@hookimpl
def extra_template_vars(template, datasette, request):
    if template not in ("ap_plan.html", "ap_prison.html", "ap_theme.html") or request is None:
        return {}

    async def context():
        return {"ap_history": await _links_for(datasette, template, request)}
    return context

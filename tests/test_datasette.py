"""The Datasette site, in-process: tables, views, canned queries, facets, CSV, links back to the PDFs, charts."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from actionplans.db import metadata, schema, site, sources
from site_db import CLI, REPO

pytestmark = pytest.mark.anyio
DB = "actionplans"
QUERY_PARAMS = {
    "search": {"q": "use of force"},
    "prison_plans": {"prison": "Ashcombe"},
    "actions_owned_by": {"role": "Governor"},
    "actions_owned_by_words": {"words": "Governor"},
    "overdue_as_of": {"as_of": "2021-07-01"},
    "theme_recommendations": {"theme": "use_of_force"},
}


@pytest.fixture(scope="session")
def conn(db_path):
    c = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    c.row_factory = sqlite3.Row
    yield c
    c.close()


@pytest.fixture(scope="session")
def ds(db_path):
    return site.datasette(db_path)


@pytest.fixture()
def get(ds):
    async def _get(path, status=200):
        r = await ds.client.get(path)
        assert r.status_code == status, f"{path}: {r.status_code} {r.text[:500]}"
        return r
    return _get


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# --- metadata -----------------------------------------------------------------------------------------------


def test_metadata_file_is_current():
    assert (REPO / "db" / "metadata.yml").read_text(encoding="utf-8") == metadata.render(), \
        "db/metadata.yml is stale: run python -m actionplans.db.metadata"
    assert metadata.main(["--check"]) == 0


def test_column_descriptions_come_from_the_models():
    from actionplans.schemas import models as m
    docs = metadata.column_docs()
    assert docs["recommendations"]["decision"] == m.Recommendation.model_fields["decision"].description
    assert docs["actions"]["due"] == m.TargetDate.model_fields["due"].description
    assert docs["action_rows"]["owners_as_printed"] == m.Action.model_fields["owner_text"].description


def test_every_column_of_the_built_database_is_described(conn):
    meta = yaml.safe_load((REPO / "db" / "metadata.yml").read_text(encoding="utf-8"))
    tables = meta["databases"][DB]["tables"]
    names = list(schema.TABLES) + list(schema.VIEWS)
    for name in names:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{name}])")]
        assert cols, name
        undescribed = [c for c in cols if not tables[name]["columns"].get(c)]
        assert not undescribed, f"{name}: {undescribed}"
        assert tables[name]["description"]


def test_site_metadata_says_what_and_whence_and_licence():
    meta = yaml.safe_load((REPO / "db" / "metadata.yml").read_text(encoding="utf-8"))
    assert meta["title"] == "HMPPS action plans"
    for words in ("HM Inspectorate of Prisons", "HM Inspectorate of Probation", "HMPPS"):
        assert words in meta["description_html"] + meta["source"]
    assert "Open Government Licence v3.0" in meta["license"] and "MIT" in meta["license"]
    assert set(meta["databases"][DB]["queries"]) == set(QUERY_PARAMS)


def test_metadata_follows_a_database_with_another_name(tmp_path):
    meta = site.metadata_for(tmp_path / "plans-2024.db")
    assert list(meta["databases"]) == ["plans-2024"]


# --- pages, tables and views ---------------------------------------------------------------------------------


async def test_home_page_explains_and_links(get):
    html = (await get("/")).text
    assert "<h1>HMPPS action plans</h1>" in html
    for text in ("HM Inspectorate of Prisons", "Open Government Licence v3.0", "/-/charts", "/-/csv/actions.csv",
                 "/actionplans/search", "/actionplans/overdue_as_of", "/theme/use_of_force", "/owner/governor",
                 "/actionplans/contested_recommendations", "actions overdue as of", "progress after"):
        assert text in html, text
    # Nothing is fetched from another host: no scripts or styles from a CDN.
    assert not re.search(r'<script[^>]+src="https?://|<link rel="stylesheet" href="https?://', html)


async def test_tables_and_views_are_listed(get):
    data = (await get(f"/{DB}.json")).json()
    names = {t["name"] for t in data["tables"]} | {v["name"] for v in data["views"]}
    assert set(schema.TABLES) | set(schema.VIEWS) <= names


@pytest.mark.parametrize("name", list(schema.TABLES) + list(schema.VIEWS))
async def test_every_table_and_view_exports_csv(get, conn, name):
    r = await get(f"/{DB}/{name}.csv?_stream=on&_size=max")
    header = next(csv.reader(io.StringIO(r.text)))
    assert header == [c[1] for c in conn.execute(f"PRAGMA table_info([{name}])")]
    assert len(csv_rows(r.text)) == conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0]


@pytest.mark.parametrize("view", ["action_rows", "recommendation_rows", "overdue_actions", "contested_recommendations",
                                  "owner_actions", "document_decisions", "vague_actions"])
def test_views_have_rows_from_the_corpus(conn, view):
    assert conn.execute(f"SELECT count(*) FROM [{view}]").fetchone()[0] > 0


def test_contested_view_holds_only_partly_or_not_agreed(conn):
    decisions = {r[0] for r in conn.execute("SELECT DISTINCT decision FROM contested_recommendations")}
    assert decisions and decisions <= set(schema.PARTLY + schema.NOT_AGREED)
    assert conn.execute("SELECT count(*) FROM contested_recommendations WHERE reasons = ''").fetchone()[0] == 0


def test_vague_actions_lack_an_owner_or_a_date(conn):
    sql = "SELECT a.has_owner, a.due, v.lacks FROM vague_actions v JOIN actions a ON a.id = v.action_id"
    for r in conn.execute(sql):
        assert (not r["has_owner"]) or r["due"] is None
        assert r["lacks"] in ("no owner", "no date", "no owner, no date")


def test_decision_counts_add_up(conn):
    for r in conn.execute("SELECT * FROM document_decisions"):
        assert r["agreed"] + r["partly_agreed"] + r["not_agreed"] + r["no_decision"] == r["recommendations"]


def test_indexes_exist(conn):
    for table, cols in schema.INDEXES:
        found = [ix[1] for ix in conn.execute(f"PRAGMA index_list([{table}])")
                 if [c[2] for c in conn.execute(f"PRAGMA index_info([{ix[1]}])")] == cols]
        assert found, f"no index on {table}{cols}"


async def test_default_facets(get):
    data = (await get(f"/{DB}/recommendations.json")).json()
    facets = data["facet_results"]
    assert {"decision", "document_id", "themes", "groups"} <= set(facets)
    assert facets["themes"]["type"] == "array"
    themes = {v["value"] for v in facets["themes"]["results"]}
    assert "use_of_force" in themes
    rows = (await get(f"/{DB}/action_rows.json")).json()
    assert {"decision", "establishment", "status"} <= set(rows["facet_results"])


async def test_sort_order_and_label_column(get, conn):
    data = (await get(f"/{DB}/documents.json?_shape=objects")).json()
    dates = [r["submitted"] for r in data["rows"] if r["submitted"]]
    assert dates == sorted(dates, reverse=True)
    recs = (await get(f"/{DB}/recommendations.json?_shape=objects&_labels=on&_size=1")).json()["rows"]
    label = recs[0]["document_id"]["label"]
    assert label == conn.execute("SELECT title FROM documents WHERE id = ?", [recs[0]["document_id"]["value"]]) \
        .fetchone()[0]


async def test_table_search_uses_fts(get):
    data = (await get(f"/{DB}/recommendations.json?_search=adjudications&_shape=objects")).json()
    assert data["rows"] and all("adjudicat" in (r["text"] + r["response"]).lower() for r in data["rows"])


# --- canned queries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(QUERY_PARAMS))
async def test_canned_queries_return_rows_and_csv(get, name):
    params = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in QUERY_PARAMS[name].items())
    data = (await get(f"/{DB}/{name}.json?{params}&_shape=objects")).json()
    assert data["rows"], name
    text = (await get(f"/{DB}/{name}.csv?{params}&_size=max")).text
    assert len(csv_rows(text)) == len(data["rows"])
    html = (await get(f"/{DB}/{name}?{params}")).text
    assert "/-/source/" in html, "result rows link back to their PDF page"


async def test_search_matches_all_words_and_survives_punctuation(get):
    rows = (await get(f"/{DB}/search.json?q=force+%28UoF%29%21+%22use&_shape=objects")).json()["rows"]
    assert isinstance(rows, list)
    rows = (await get(f"/{DB}/search.json?q=use+of+force&_shape=objects")).json()["rows"]
    assert rows and all("[" in r["match"] for r in rows)
    assert (await get(f"/{DB}/search.json?q=&_shape=objects")).json()["rows"] == []


async def test_overdue_as_of_is_reproducible(get, conn):
    as_of = "2021-07-01"
    rows = (await get(f"/{DB}/overdue_as_of.json?as_of={as_of}&_shape=objects&_size=max")).json()["rows"]
    expected = conn.execute(
        "SELECT count(*) FROM actions WHERE due < ? AND coalesce(status, '') NOT IN "
        "('completed', 'completed_and_ongoing', 'not_applicable') AND coalesce(completed, 0) = 0",
        [as_of]).fetchone()[0]
    assert len(rows) == expected > 0
    assert all(r["due"] < as_of and r["days_overdue"] > 0 for r in rows)
    earlier = (await get(f"/{DB}/overdue_as_of.json?as_of=2000-01-01&_shape=objects")).json()["rows"]
    assert earlier == []


async def test_theme_query_accepts_spaces(get):
    a = (await get(f"/{DB}/theme_recommendations.json?theme=use_of_force&_shape=objects")).json()["rows"]
    b = (await get(f"/{DB}/theme_recommendations.json?theme=Use+of+force&_shape=objects")).json()["rows"]
    assert a == b and a


# --- back to the source --------------------------------------------------------------------------------------


async def test_tables_link_each_record_to_its_page(get, conn):
    html = (await get(f"/{DB}/recommendations")).text
    rid = conn.execute("SELECT id FROM recommendations ORDER BY id LIMIT 1").fetchone()[0]
    assert f'href="/-/source/recommendation/{rid}"' in html
    html = (await get(f"/{DB}/actions")).text
    aid = conn.execute("SELECT id FROM actions ORDER BY id LIMIT 1").fetchone()[0]
    assert f'href="/-/source/action/{aid}"' in html
    html = (await get(f"/{DB}/action_rows")).text
    assert 'href="/-/source/action/' in html and 'href="/-/pdf/' in html
    row = (await get(f"/{DB}/recommendations/{rid}")).text
    assert f'href="/-/source/recommendation/{rid}"' in row


async def test_source_page_shows_the_record_beside_its_page(get, conn):
    r = conn.execute("SELECT * FROM recommendations WHERE bbox IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    html = (await get(f"/-/source/recommendation/{r['id']}")).text
    assert r["ref"] in html and r["text"][:60].replace("’", "&#8217;")[:20] in html.replace("’", "&#8217;")
    m = re.search(r'<img class="ap-page" src="([^"]+)"', html)
    assert m and m.group(1).startswith(f"/-/page/{r['document_id']}/{r['first_page']}.png?box=")
    a = conn.execute("SELECT * FROM actions WHERE bbox IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    html = (await get(f"/-/source/action/{a['id']}")).text
    assert f"/-/page/{a['document_id']}/{a['page']}.png?box=" in html
    assert f'href="/-/pdf/{a["document_id"]}#page={a["page"]}"' in html


async def test_page_image_is_a_png_with_the_area_marked(get, conn):
    from PIL import Image
    a = conn.execute("SELECT * FROM actions WHERE bbox IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    box = sources.parse_box(a["bbox"])
    plain = await get(f"/-/page/{a['document_id']}/{a['page']}.png")
    marked = await get(f"/-/page/{a['document_id']}/{a['page']}.png?box={sources.box_param(box)}")
    for r in (plain, marked):
        assert r.headers["content-type"] == "image/png" and r.content[:8] == b"\x89PNG\r\n\x1a\n"
    p, m = (Image.open(io.BytesIO(r.content)).convert("RGB") for r in (plain, marked))
    assert p.size == m.size
    # The box's edge is drawn in red where the plain page is not red.
    x0, top = box[0], box[1]
    edge = (round((x0 - 2) * 1.5) + 1, round((top + box[3]) / 2 * 1.5))
    r, g, b = m.getpixel(edge)
    assert r > 150 and g < 100 and b < 100, m.getpixel(edge)
    assert p.getpixel(edge) != m.getpixel(edge)


async def test_pdf_is_served_only_for_documents_in_the_database(get, conn, ds):
    d = conn.execute("SELECT id, path FROM documents ORDER BY id LIMIT 1").fetchone()
    r = await get(f"/-/pdf/{d['id']}")
    assert r.headers["content-type"] == "application/pdf"
    assert r.content == Path(d["path"]).read_bytes()
    await get("/-/pdf/" + "0" * 64, status=404)
    for path in ("/-/pdf/../../etc/passwd", "/-/pdf/%2e%2e%2fetc%2fpasswd", "/-/pdf/..%2f..%2fcorpus%2fbuild.py",
                 "/-/page/../../etc/passwd/1.png"):
        r = await ds.client.get(path)
        assert r.status_code in (302, 404) and b"root:" not in r.content and not r.content.startswith(b"%PDF"), path
    await get(f"/-/page/{d['id']}/999.png", status=404)
    await get(f"/-/page/{d['id']}/0.png", status=404)
    await get("/-/source/action/../../etc/passwd", status=404)


def test_a_changed_file_is_not_served_as_the_document(tmp_path, conn):
    d = conn.execute("SELECT id, path FROM documents ORDER BY id LIMIT 1").fetchone()
    copy = tmp_path / "plan.pdf"
    shutil.copy(d["path"], copy)
    assert sources.locate(["plan.pdf"], d["id"], base=tmp_path) == copy
    copy.write_bytes(copy.read_bytes() + b"\n%changed\n")
    with pytest.raises(sources.SourceMissing, match="different file"):
        sources.locate(["plan.pdf"], d["id"], base=tmp_path)
    with pytest.raises(sources.SourceMissing, match="not found"):
        sources.locate(["missing.pdf"], d["id"], base=tmp_path)


@pytest.mark.parametrize("text,box", [("1,2,3,4", (1, 2, 3, 4)),
                                      ("[37.1, 130.1, 794.0, 544.6]", (37.1, 130.1, 794, 544.6)),
                                      ("1,2,3", None), ("a,b,c,d", None), ("5,5,1,1", None)])
def test_parse_box(text, box):
    assert sources.parse_box(text) == box


# --- charts --------------------------------------------------------------------------------------------------


async def test_charts_page_draws_svg_from_the_database(get, conn):
    html = (await get("/-/charts?as_of=2021-07-01")).text
    assert html.count("<svg") >= 3
    for words in ("Decisions per plan", "Actions due per month", "Overdue", "Agreed / accepted", "as of 2021-07-01"):
        assert words in html, words
    overdue = conn.execute(f"SELECT count(*) FROM actions a WHERE {schema.overdue(repr('2021-07-01'))}").fetchone()[0]
    shown = sum(int(n) for n in re.findall(r"<title>\d{4}-\d\d: (\d+) overdue</title>", html))
    assert shown == overdue
    svgs = "".join(re.findall(r"<svg.*?</svg>", html, flags=re.S))
    assert not re.search(r'(src|href)="https?://', svgs), "charts link only to this site"
    assert not re.search(r'<script[^>]+src="https?://|<link rel="stylesheet" href="https?://', html)
    later = (await get("/-/charts?as_of=2030-01-01")).text
    assert sum(int(n) for n in re.findall(r"<title>\d{4}-\d\d: (\d+) overdue</title>", later)) >= shown


async def test_charts_default_to_today_and_ignore_bad_dates(get):
    import datetime as dt
    html = (await get("/-/charts?as_of=not-a-date")).text
    assert f'value="{dt.date.today().isoformat()}"' in html


# --- serve ---------------------------------------------------------------------------------------------------


def test_serve_reads_the_file_as_it_changes_and_binds_loopback(db_path):
    ds = site.datasette(db_path)
    db = ds.get_database("actionplans")
    # Read-only (mode=ro), not immutable: a plan extracted into the file while it is served shows up.
    assert db.is_mutable
    conn = db.connect()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("CREATE TABLE nope (x)")
    conn.close()
    out = subprocess.run([str(CLI) if CLI.exists() else "actionplans", "serve", "--help"], capture_output=True,
                         text=True).stdout
    assert "127.0.0.1" in out and "8001" in out


def test_metadata_script_runs():
    proc = subprocess.run([sys.executable, "-m", "actionplans.db.metadata", "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# --- pages people read ---------------------------------------------------------------------------------------

AS_OF = "2021-07-01"


def _text(html: str) -> str:
    """The words of a page, tags dropped and entities read, so assertions speak of what a reader sees."""
    import html as html_lib
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def _overdue_count(conn, as_of: str, where: str = "1", params=()) -> int:
    return conn.execute(f"SELECT count(*) FROM actions a WHERE {schema.overdue('?')} AND {where}",
                        [as_of, *params]).fetchone()[0]


async def test_plan_page_shows_every_recommendation_and_action(get, conn):
    d = conn.execute("SELECT * FROM documents WHERE actions > 10 ORDER BY id LIMIT 1").fetchone()
    html = (await get(f"/plan/{d['id']}?as_of=01/07/2021")).text
    text = _text(html)
    assert d["title"] in text and d["establishment"] in text
    for r in conn.execute("SELECT * FROM recommendations WHERE document_id = ? ORDER BY position", [d["id"]]):
        assert f'id="rec-{r["id"]}"' in html and f'href="/-/source/recommendation/{r["id"]}"' in html
        assert " ".join(r["text"].split())[:50] in text
    for a in conn.execute("SELECT * FROM actions WHERE document_id = ?", [d["id"]]):
        assert f'href="/-/source/action/{a["id"]}"' in html
        assert " ".join(a["text"].split())[:40] in text
    for o in conn.execute("SELECT DISTINCT owner_id FROM action_owners WHERE document_id = ?", [d["id"]]):
        assert f'href="/owner/{o[0]}"' in html
    late = _overdue_count(conn, AS_OF, "a.document_id = ?", [d["id"]])
    assert f"{late} overdue as of {AS_OF}" in text
    assert html.count('class="ap-late"') == late
    agreed = conn.execute(f"SELECT count(*) FROM recommendations WHERE document_id = ? AND decision IN "
                          f"{schema._in(schema.AGREED)}", [d["id"]]).fetchone()[0]
    assert f"Agreed: {agreed}" in text
    assert "progress after that is not published" in text, "the overdue caveat is beside the count"


async def test_every_page_of_a_sample_plan_says_so(get, conn):
    kinds = dict(conn.execute("SELECT provenance, count(*) FROM documents GROUP BY provenance").fetchall())
    assert kinds.get("sample", 0) >= 10 and kinds.get("rebuilt") == 1, kinds
    home = _text((await get("/")).text)
    assert f"{kinds['sample']} of the {sum(kinds.values())} plans here were made for this project" in home
    s = conn.execute("SELECT id FROM documents WHERE provenance = 'sample' ORDER BY id LIMIT 1").fetchone()[0]
    rid, aid = conn.execute("SELECT r.id, a.id FROM recommendations r JOIN actions a ON a.recommendation_id = r.id "
                            "WHERE r.document_id = ? LIMIT 1", [s]).fetchone()
    for path in (f"/plan/{s}", f"/-/source/recommendation/{rid}", f"/-/source/action/{aid}",
                 f"/{DB}/documents/{s}", f"/{DB}/recommendations/{rid}", f"/{DB}/actions/{aid}"):
        assert "Sample: this plan was made for this project" in _text((await get(path)).text), path
    rebuilt = conn.execute("SELECT id FROM documents WHERE provenance = 'rebuilt'").fetchone()[0]
    page = _text((await get(f"/plan/{rebuilt}")).text)
    assert "Rebuilt:" in page and "Sample:" not in page
    # Table pages say the database holds samples, and which column tells them apart.
    assert "sample plans made for this project" in _text((await get(f"/{DB}/recommendations")).text)


async def test_home_counts_real_plans_only_when_asked(get, conn):
    real = conn.execute("SELECT count(*), sum(recommendations), sum(actions) FROM documents "
                        "WHERE provenance != 'sample'").fetchone()
    late = _overdue_count(conn, AS_OF, "a.document_id IN (SELECT id FROM documents WHERE provenance != 'sample')")
    text = _text((await get(f"/?real=1&as_of={AS_OF}")).text)
    assert f"Real plans only: {real[0]} plan" in text and f"{real[1]} recommendations, {real[2]} actions" in text
    assert f"{late} actions overdue as of {AS_OF}" in text
    every = _text((await get(f"/?as_of={AS_OF}")).text)
    assert f"{_overdue_count(conn, AS_OF)} actions overdue as of {AS_OF}" in every
    assert "count real plans only" in every


async def test_prison_page_lists_its_plans_over_time(get, conn):
    d = conn.execute("SELECT * FROM documents WHERE establishment LIKE 'HMP %' ORDER BY id LIMIT 1").fetchone()
    slug = re.sub(r"[^a-z0-9]+", "-", d["establishment"].lower()).strip("-")
    html = (await get(f"/prison/{slug}")).text
    assert f'href="/plan/{d["id"]}"' in html and d["establishment"] in html
    plan = (await get(f"/plan/{d['id']}")).text
    assert f'href="/prison/{slug}"' in plan, "plan pages link to their prison"
    await get("/prison/no-such-prison", status=404)


@pytest.mark.parametrize("words,key", [("incentives", "iep"), ("Gypsy", "grt"), ("DIRF", "discrimination_complaints"),
                                       ("racist incidents", "discrimination_complaints"),
                                       ("use of force", "use_of_force"), ("Use_of_force", "use_of_force")])
async def test_themes_are_found_by_the_words_people_use(get, words, key):
    from actionplans.db import vocabulary
    assert key in vocabulary.find(words)
    r = await get(f"/theme?q={words.replace(' ', '+')}", status=302)
    assert r.headers["location"] == f"/theme/{key}"


async def test_theme_page_counts_match_the_database(get, conn):
    key = "use_of_force"
    sql = ("SELECT DISTINCT r.id, r.decision, r.document_id FROM recommendations r LEFT JOIN actions a ON "
           "a.recommendation_id = r.id WHERE EXISTS (SELECT 1 FROM json_each(r.themes) WHERE value = ?) OR "
           "EXISTS (SELECT 1 FROM json_each(a.themes) WHERE value = ?)")
    recs = conn.execute(sql, [key, key]).fetchall()
    assert recs
    html = (await get(f"/theme/{key}?as_of={AS_OF}")).text
    text = _text(html)
    plans = len({r["document_id"] for r in recs})
    assert f"{len(recs)} recommendations in {plans} plan" in text
    assert "<h1>Use of force</h1>" in html and "Year by year" in text
    for r in recs:
        assert f"#rec-{r['id']}" in html
    ids = [r["id"] for r in recs]
    late = conn.execute(f"SELECT count(*) FROM actions a WHERE a.recommendation_id IN ({','.join('?' * len(ids))}) "
                        f"AND {schema.overdue('?')}", [*ids, AS_OF]).fetchone()[0]
    assert f"{late} overdue as of {AS_OF}" in text
    groups = _text((await get("/theme/grt")).text)
    assert "Gypsy, Roma and Traveller" in groups
    await get("/theme/not_a_theme", status=404)


async def test_themes_show_as_words_not_json(get):
    html = (await get(f"/{DB}/recommendations?_size=100")).text
    cells = re.findall(r'<td class="col-themes[^"]*"[^>]*>(.*?)</td>', html, flags=re.S)
    assert cells and not any("[&#34;" in c or '["' in c for c in cells)
    assert re.search(r'href="/theme/use_of_force"[^>]*>Use of force</a>', html)
    facets = html[html.index('<div class="facet-results">'):html.index('<table class="rows-and-columns">')]
    assert ">Use of force</a>" in facets and ">use_of_force</a>" not in facets, "facet labels are words"


async def test_owner_page_is_the_whole_role(get, conn):
    html = (await get(f"/owner/governor?as_of={AS_OF}")).text
    n = conn.execute("SELECT count(*) FROM action_owners WHERE owner_id = 'governor'").fetchone()[0]
    late = _overdue_count(conn, AS_OF, "a.id IN (SELECT action_id FROM action_owners WHERE owner_id = 'governor')")
    text = _text(html)
    assert f"{n} actions in" in text and f"{late} overdue as of {AS_OF}" in text
    assert html.count('href="/-/source/action/') == n
    await get("/owner/no-such-role", status=404)


async def test_datasette_tables_link_to_the_reading_pages(get, conn):
    d = conn.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()[0]
    html = (await get(f"/{DB}/recommendations?document_id={d}")).text
    assert f'href="/plan/{d}"' in html
    assert not re.search(r">[0-9a-f]{64}<", html), "no 64-character id shown as a cell's text"
    row = (await get(f"/{DB}/documents/{d}")).text
    assert f'href="/plan/{d}"' in row and "Read this plan as a page" in row
    owners = (await get(f"/{DB}/owners/governor")).text
    assert 'href="/owner/governor"' in owners


# --- canned queries: the form first, checked input, whole roles -------------------------------------------------


async def test_canned_queries_lead_with_the_form_and_hide_the_sql(get):
    html = (await get(f"/{DB}/overdue_as_of")).text
    assert html.index('<form class="ap-query"') < html.index('id="sql-query"')
    assert re.search(r'<details class="ap-sql">', html), "the SQL is folded away"
    assert "Fill in the form" in html and "0 results" not in html
    assert 'label for="qp-as_of"' in html


@pytest.mark.parametrize("typed", ["30/06/2022", "30-6-2022", "30 June 2022", "2022-06-30"])
async def test_overdue_as_of_reads_uk_dates(get, typed):
    rows = (await get(f"/{DB}/overdue_as_of.json?as_of={typed.replace(' ', '+')}&_shape=objects&_size=max")).json()
    iso = (await get(f"/{DB}/overdue_as_of.json?as_of=2022-06-30&_shape=objects&_size=max")).json()
    assert rows["rows"] == iso["rows"] and iso["rows"]


@pytest.mark.parametrize("query,typed,message", [
    ("overdue_as_of", "as_of=", "is empty"), ("overdue_as_of", "as_of=31%2F31%2F2022", "is not a date"),
    ("actions_owned_by", "role=", "is empty"), ("theme_recommendations", "theme=zzzz", "No theme or group"),
    ("search", "q=", "is empty")])
async def test_bad_or_empty_input_gets_one_clear_line(get, query, typed, message):
    html = (await get(f"/{DB}/{query}?{typed}")).text
    errors = re.findall(r'<p class="message-error ap-param-error" role="alert">(.*?)</p>', html, flags=re.S)
    assert len(errors) == 1 and message in errors[0], errors
    assert "0 results" not in html and 'class="rows-and-columns"' not in html


async def test_governor_means_the_governor_not_the_deputy(get, conn):
    rows = (await get(f"/{DB}/actions_owned_by.json?role=Governor&_shape=objects&_size=max")).json()["rows"]
    assert rows and {r["owner"] for r in rows} == {"Governor"}
    assert len(rows) == conn.execute("SELECT count(*) FROM action_owners WHERE owner_id = 'governor'").fetchone()[0]
    wider = (await get(f"/{DB}/actions_owned_by_words.json?words=Governor&_shape=objects&_size=max")).json()["rows"]
    assert "Deputy Governor" in {r["owner"] for r in wider} and len(wider) > len(rows)


async def test_theme_query_takes_words_people_use(get):
    by_key = (await get(f"/{DB}/theme_recommendations.json?theme=iep&_shape=objects&_size=max")).json()["rows"]
    by_word = (await get(f"/{DB}/theme_recommendations.json?theme=incentives&_shape=objects&_size=max")).json()
    assert by_key and by_word["rows"] == by_key


# --- overdue, honestly -------------------------------------------------------------------------------------------


def test_overdue_rows_are_never_labelled_due(conn):
    statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM overdue_actions")}
    assert "overdue" in statuses and "due" not in statuses
    assert conn.execute("SELECT count(*) FROM overdue_actions WHERE plan_submitted IS NULL AND document_id IN "
                        "(SELECT id FROM documents WHERE submitted IS NOT NULL)").fetchone()[0] == 0


async def test_overdue_query_rows_carry_the_plan_date(get):
    rows = (await get(f"/{DB}/overdue_as_of.json?as_of={AS_OF}&_shape=objects&_size=max")).json()["rows"]
    assert rows and all(r["status"] != "due" and r["plan_submitted"] for r in rows)
    html = (await get(f"/{DB}/overdue_as_of?as_of={AS_OF}")).text
    assert "later progress is unknown" in _text(html)


# --- CSV for spreadsheets ----------------------------------------------------------------------------------------


async def test_flat_csv_has_themes_overdue_and_page_links(get, conn):
    r = await get(f"/-/csv/actions.csv?as_of={AS_OF}")
    assert not r.text.startswith("\ufeff")
    rows = csv_rows(r.text)
    assert len(rows) == conn.execute("SELECT count(*) FROM actions").fetchone()[0]
    assert {"themes", "groups", "overdue", "days_overdue", "pdf_page", "source_page", "provenance"} <= set(rows[0])
    late = [x for x in rows if x["overdue"] == "yes"]
    assert len(late) == _overdue_count(conn, AS_OF)
    assert all(x["status"] != "Due" and int(x["days_overdue"]) > 0 for x in late)
    assert any("Use of force" in x["themes"] for x in rows) and not any(x["themes"].startswith("[") for x in rows)
    first = rows[0]
    assert re.fullmatch(r"http://[^/]+/-/pdf/[0-9a-f]{64}#page=\d+", first["pdf_page"])
    assert first["source_page"].endswith(f"/-/source/action/{first['action_id']}")
    recs = csv_rows((await get(f"/-/csv/recommendations.csv?as_of={AS_OF}")).text)
    assert len(recs) == conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    assert sum(int(x["overdue_actions"]) for x in recs) == len(late)


async def test_bom_for_excel(get):
    r = await get("/-/csv/actions.csv?_bom=1")
    assert r.content.startswith(b"\xef\xbb\xbf") and r.headers["content-type"].startswith("text/csv")
    real = csv_rows((await get("/-/csv/actions.csv?real=1")).text)
    assert all(x["provenance"] != "Sample made for this project" for x in real)


# --- errors ------------------------------------------------------------------------------------------------------


async def test_unknown_records_are_404_pages_with_no_traceback(get, capfd, caplog):
    for path in ("/-/source/recommendation/unknown", "/-/source/recommendation/0123456789abcdef-r999",
                 "/plan/" + "0" * 64, "/owner/nobody", "/theme/nothing", "/no-such-page", f"/{DB}/no_such_table"):
        r = await get(path, status=404)
        assert "Not found" in r.text and "Traceback" not in r.text
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "NotFound" not in out + err
    assert not [rec for rec in caplog.records if rec.exc_info]

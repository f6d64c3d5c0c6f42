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
    for text in ("HM Inspectorate of Prisons", "Open Government Licence v3.0", "/-/charts", "action_rows.csv",
                 "/actionplans/search", "/actionplans/overdue_as_of", "/actionplans/overdue_actions",
                 "/actionplans/contested_recommendations", "actions overdue today"):
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


def test_serve_binds_loopback_read_only_with_the_site(tmp_path):
    args = site.serve_args("db/actionplans.db", tmp_path / "m.yml")
    assert args[args.index("--host") + 1] == "127.0.0.1" and args[args.index("--port") + 1] == "8001"
    assert args[args.index("-i") + 1] == "db/actionplans.db"
    for flag in ("--metadata", "--plugins-dir", "--template-dir", "--static"):
        assert flag in args
    out = subprocess.run([str(CLI) if CLI.exists() else "actionplans", "serve", "--help"], capture_output=True,
                         text=True).stdout
    assert "127.0.0.1" in out and "8001" in out


def test_metadata_script_runs():
    proc = subprocess.run([sys.executable, "-m", "actionplans.db.metadata", "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr

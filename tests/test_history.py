"""The history pages, in-process: an establishment's timeline, recommendations made again, themes by year, and the
links to them from the site's plan, prison and theme pages; and "overdue at the re-inspection" for inspections
dated by their month alone."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest
from actionplans.db import schema
from actionplans.db.site import datasette

pytestmark = pytest.mark.anyio


def text(html: str) -> str:
    """A page's visible words, spaces squeezed: what a reader sees, for asserting on."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#39;", "'")


@pytest.fixture(scope="module")
def ds(db_path):
    return datasette(db_path)


def _one(db_path, sql: str, *params):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


async def test_timeline_lists_plans_in_inspection_order_with_repeats(ds):
    r = await ds.client.get("/timeline/kestrel-moor?as_of=2021-07-01")
    assert r.status_code == 200
    page = text(r.text)
    assert "HMP Kestrel Moor over time" in page and "Sample:" in page
    for form in ("HMP/YOI Kestrel Moor", "HMP & YOI Kestrel Moor"):
        assert form in page
    years = re.findall(r'<tr id="plan-[0-9a-f]+"><td>(\d)</td>\s*<td class="ap-date">(\d{4})', r.text)
    assert years == [("1", "2015"), ("2", "2019"), ("3", "2022")]
    assert "4 recommendations made again" in page
    assert len(re.findall(r'href="/repeated/[0-9a-f]{16}-r\d+"', r.text)) == 4
    assert "Overdue as of 2021-07-01" in page  # the as-of date the overdue column counts against


async def test_repeated_page_shows_both_texts_and_what_was_due(ds, db_path):
    rid, = _one(db_path, """SELECT c.recommendation_id FROM recurring c JOIN recommendations r
        ON r.id = c.recommendation_id JOIN documents d ON d.id = r.document_id
        WHERE d.establishment_id = 'kestrel-moor' AND r.ref = 'Priority concern 2'""")
    r = await ds.client.get(f"/repeated/{rid}")
    assert r.status_code == 200
    page = text(r.text)
    assert "supply of drugs" in page.lower()  # the later text
    assert "The earlier recommendation (2019-" in page
    assert "Head of Security" in page and "October 2019" in page  # the earlier action's owner and date
    assert "overdue : due 2019-10-31, before the re-inspection" in page
    assert "Sample:" in page


async def test_repeats_and_theme_years_pages(ds):
    r = await ds.client.get("/repeated")
    assert r.status_code == 200 and text(r.text).count("made before in") == 6
    r = await ds.client.get("/theme-years?as_of=2021-07-01")
    assert r.status_code == 200
    row = re.search(r'<tr id="theme-use_of_force">.*?</tr>', r.text, re.S).group(0)
    assert "made again" in row and "% agreed" in row


async def test_unknown_keys_are_404(ds):
    assert (await ds.client.get("/timeline/no-such-prison")).status_code == 404
    assert (await ds.client.get("/repeated/0000000000000000-r001")).status_code == 404


async def test_site_pages_link_to_the_history(ds, db_path):
    doc, = _one(db_path, "SELECT id FROM documents WHERE establishment_id = 'oakhurst' ORDER BY inspected")
    plan = (await ds.client.get(f"/plan/{doc}")).text
    assert 'href="/timeline/oakhurst"' in plan
    assert len(re.findall(r'class="ap-again" href="/repeated/', plan)) == 2  # both 2019 recommendations recur
    prison = (await ds.client.get("/prison/hmp-oakhurst")).text
    assert 'href="/timeline/oakhurst"' in prison
    theme = (await ds.client.get("/theme/use_of_force")).text
    assert 'href="/theme-years#theme-use_of_force"' in theme


def test_overdue_at_reinspection_dated_by_month_alone(db_path, tmp_path):
    """An action due within the month an inspection is dated by may not have been due yet: not overdue."""
    db = tmp_path / "month.db"
    shutil.copy(db_path, db)
    conn = sqlite3.connect(db)
    later = """SELECT d.id FROM documents d JOIN recommendations r ON r.document_id = d.id
        WHERE d.establishment_id = 'kestrel-moor' AND r.ref = 'Priority concern 2'"""
    due = "SELECT overdue_at_reinspection, earlier_actions_due FROM repeated_recommendations WHERE ref = ?"
    results = {}
    for month in ("2019-10", "2019-11"):  # the earlier action is due 2019-10-31
        conn.execute(f"UPDATE documents SET inspected = ? WHERE id = ({later})", [month])
        results[month] = conn.execute(due, ["Priority concern 2"]).fetchone()
    conn.close()
    assert results == {"2019-10": (0, 0), "2019-11": (1, 1)}
    assert sqlite3.connect(":memory:").execute(
        f"SELECT {schema.inspection_start(':d')}", {"d": "2019-05"}).fetchone()[0] == "2019-05-01"

"""A reader's path through the site in a real browser: `actionplans serve` on loopback, Debian's chromium.

Home page -> search -> a recommendation -> its page image -> a canned query -> a CSV download -> charts.
Screenshots of each step are saved to tests/screenshots/ (printed at the end) to look at by eye.
Skips when chromium or Playwright is missing, except under CI, where that is a failure.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from site_db import CLI, REPO, build

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "tests" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not (CHROMIUM.exists() or shutil.which("chromium")):
        return "chromium is not installed (make system-deps, or apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run under CI: {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory(prefix="actionplans-chromium-") as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            headless=True, args=ARGS, accept_downloads=True, viewport={"width": 1280, "height": 900})
        yield ctx
        ctx.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build(tmp_path_factory)
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([str(CLI) if CLI.exists() else "actionplans", "serve", "--db", str(db), "--port",
                                 str(port)], stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if proc.poll() is not None:
                pytest.fail(f"actionplans serve exited: {log.read_text()}")
            try:
                with urllib.request.urlopen(url + "/-/versions.json", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"actionplans serve did not answer on {url}: {log.read_text()}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield SHOTS
    print(f"\nscreenshots: {SHOTS}")


def test_serve_listens_on_loopback_only(server):
    assert server.startswith("http://127.0.0.1:")


def test_a_readers_path_through_the_site(browser, server, shots, tmp_path):
    page = browser.new_page()
    failed: list[str] = []
    # A navigation that becomes a download is reported as aborted; that one is expected.
    page.on("requestfailed", lambda r: failed.append(r.url) if "_dl=1" not in r.url else None)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None)

    # Home page: what the data is, with the way in.
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "HMPPS action plans"
    assert "HM Inspectorate of Prisons" in page.locator(".metadata-description").inner_text()
    assert "actions overdue today" in page.locator(".ap-figures").inner_text()
    for name in ("Charts", "Search plans by words", "Overdue actions as of a date", "action_rows.csv"):
        assert page.get_by_role("link", name=name).first.is_visible(), name
    page.screenshot(path=str(shots / "01-home.png"), full_page=True)

    # Search every plan from the home page.
    page.fill("#ap-q", "use of force")
    page.click(".ap-search input[type=submit]")
    page.wait_for_load_state()
    assert "/actionplans/search" in page.url
    results = page.locator("table.rows-and-columns tbody tr")
    assert results.count() > 0
    assert "force" in results.first.inner_text().lower()
    page.screenshot(path=str(shots / "02-search.png"), full_page=True)

    # Open a recommendation found by the search, beside its page of the PDF.
    rec_link = page.locator("table.rows-and-columns a[href*='/-/source/recommendation/']").first
    rec_link.click()
    page.wait_for_load_state()
    assert "/-/source/recommendation/" in page.url
    assert page.locator("h1").inner_text().startswith(page.locator(".ap-crumbs a").inner_text())
    assert page.locator(".ap-decision").inner_text().strip()
    img = page.locator("img.ap-page").first
    img.scroll_into_view_if_needed()
    page.wait_for_function("() => { const i = document.querySelector('img.ap-page'); "
                           "return i && i.complete && i.naturalWidth > 0 }")
    assert "highlighted" in page.locator("figcaption").first.inner_text()
    page.screenshot(path=str(shots / "03-recommendation-source.png"), full_page=True)

    # Follow the image's link to the page image itself: a PNG, shown as an image.
    src = img.get_attribute("src")
    assert "box=" in src
    with page.expect_navigation() as nav:
        page.locator("a.ap-page-link").first.click()
    response = nav.value
    assert response.url == server + src
    assert response.headers["content-type"] == "image/png"
    assert page.evaluate("document.contentType") == "image/png"
    size = page.evaluate("(() => { const i = document.querySelector('img'); "
                         "return [i.naturalWidth, i.naturalHeight] })()")
    assert size[0] > 500 and size[1] > 500
    page.screenshot(path=str(shots / "04-page-image.png"))

    # A canned query with a parameter.
    page.goto(server + "/")
    page.get_by_role("link", name="Overdue actions as of a date").first.click()
    page.wait_for_load_state()
    page.fill("input[name=as_of]", "2021-07-01")
    page.locator("form.sql input[type=submit], form.sql button[type=submit]").first.click()
    page.wait_for_load_state()
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0
    dues = page.locator("table.rows-and-columns tbody td.col-due").all_inner_texts()
    assert dues and all(d.strip() < "2021-07-01" for d in dues)
    page.screenshot(path=str(shots / "05-overdue-as-of.png"), full_page=True)

    # Download the flat CSV from the home page.
    page.goto(server + "/")
    with page.expect_download() as info:
        page.get_by_role("link", name="action_rows.csv").click()
    target = tmp_path / "action_rows.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) > 10 and {"recommendation", "decision", "owners", "due", "pdf", "page"} <= set(rows[0])

    # Charts: drawn on the server, shown without any script from elsewhere.
    page.goto(server + "/-/charts")
    charts = page.locator("figure.ap-chart svg")
    assert charts.count() >= 3 and all(charts.nth(i).is_visible() for i in range(charts.count()))
    assert page.locator("figure#due svg rect[fill='#c62828']").count() > 0, "overdue months are marked"
    page.screenshot(path=str(shots / "06-charts.png"), full_page=True)

    # A table with its facets and page links.
    page.goto(server + "/actionplans/recommendations")
    assert page.locator(".facet-info").count() >= 3
    assert page.locator("a.source-link").count() > 0
    page.screenshot(path=str(shots / "07-recommendations-table.png"))

    assert not failed, f"requests that failed: {failed}"
    assert not outside, f"requests to other hosts: {outside}"

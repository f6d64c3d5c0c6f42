"""A campaigner's path through the site in a real browser: `actionplans serve` on loopback, Debian's chromium.

Home page -> a theme -> a plan -> a recommendation beside its PDF page -> overdue as of a date -> CSV, with
axe-core (the npm package, installed by `make a11y` into tests/a11y/) checking each reading page for serious or
critical accessibility violations, and the same pages at 375 px wide. Screenshots of each step (1366x768 and
375 px) are saved to tests/screenshots/ (printed at the end) to look at by eye.
Skips when chromium, Playwright or axe-core is missing, except under CI, where that is a failure.
"""

from __future__ import annotations

import csv
import io
import json
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
AXE = REPO / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WIDE, NARROW = {"width": 1366, "height": 768}, {"width": 375, "height": 812}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not (CHROMIUM.exists() or shutil.which("chromium")):
        return "chromium is not installed (make system-deps, or apt-get install chromium)"
    if not AXE.exists():
        return "axe-core is not installed (make a11y)"
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
            headless=True, args=ARGS, accept_downloads=True, viewport=WIDE)
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
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = None
    # The server stopped when asked, and nothing answers on its port any more.
    assert code == 0, log.read_text()
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/", timeout=2)


@pytest.fixture(scope="module")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield SHOTS
    print(f"\nscreenshots: {SHOTS}")


def test_serve_listens_on_loopback_only(server):
    assert server.startswith("http://127.0.0.1:")


def axe(page) -> list[str]:
    """axe-core's serious and critical violations on the page as loaded (injected inline: no network)."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,"
                          " target: v.nodes[0] && v.nodes[0].target}))")
    return [json.dumps(v) for v in found if v["impact"] in ("serious", "critical")]


def test_a_campaigners_path_through_the_site(browser, server, shots, tmp_path):
    page = browser.new_page()
    failed: list[str] = []
    # A navigation that becomes a download is reported as aborted; that one is expected.
    page.on("requestfailed", lambda r: failed.append(r.url) if ".csv" not in r.url else None)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None)
    violations: dict[str, list[str]] = {}

    # Home page: what the data is, that most plans are samples, and the ways in.
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "HMPPS action plans"
    assert "HM Inspectorate of Prisons" in page.locator(".metadata-description").inner_text()
    sample = page.locator(".ap-sample").first.inner_text()
    assert "plans here were made for this project" in sample
    figures = page.locator(".ap-figures").inner_text()
    assert "actions overdue as of" in figures
    assert "not published with it" in page.locator(".ap-definition").first.inner_text()
    for name in ("Use of force", "Adjudications", "Incentives (IEP)", "actions.csv"):
        assert page.get_by_role("link", name=name).first.is_visible(), name
    violations["home"] = axe(page)
    page.screenshot(path=str(shots / "01-home.png"))
    page.screenshot(path=str(shots / "01-home-full.png"), full_page=True)

    # A theme, found in the campaigner's own word.
    page.fill("#ap-theme", "incentives")
    page.click("text=Find theme")
    page.wait_for_load_state()
    assert page.url == server + "/theme/iep"
    assert page.locator("h1").inner_text() == "Incentives (IEP)"
    recs = page.locator(".ap-list li")
    assert recs.count() > 0
    summary = page.locator("#h-sum").inner_text()
    assert f"{recs.count()} recommendations in" in summary
    assert page.locator(".ap-legend").inner_text().startswith("Agreed:")
    assert page.locator("table.ap-table tbody tr").count() >= 1, "year by year"
    violations["theme"] = axe(page)
    page.screenshot(path=str(shots / "02-theme.png"))

    # A plan, from one of the theme's recommendations: every recommendation with its actions and owners.
    link = recs.first.locator("a[href^='/plan/']").first
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert "/plan/" in page.url and "#rec-" in page.url
    assert page.locator("h1").inner_text() == title
    assert "Sample:" in page.locator(".ap-sample").first.inner_text()
    assert page.locator("article.ap-rec").count() >= 3
    assert page.locator("ol.ap-actions li").count() >= 3
    assert page.locator("a[href^='/owner/']").count() > 0
    rec_id = page.url.split("#rec-")[1]
    violations["plan"] = axe(page)
    page.screenshot(path=str(shots / "03-plan.png"))
    page.screenshot(path=str(shots / "03-plan-full.png"), full_page=True)

    # The recommendation beside its page of the PDF, highlighted.
    page.locator(f"#rec-{rec_id} .ap-links a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/-/source/recommendation/{rec_id}")
    assert page.locator(".ap-decision").inner_text().strip()
    assert "Sample:" in page.locator(".ap-sample").inner_text()
    page.wait_for_function("() => { const i = document.querySelector('img.ap-page'); "
                           "return i && i.complete && i.naturalWidth > 0 }")
    assert "highlighted" in page.locator("figcaption").first.inner_text()
    violations["recommendation"] = axe(page)
    page.screenshot(path=str(shots / "04-recommendation-source.png"))
    src = page.locator("img.ap-page").first.get_attribute("src")
    with page.expect_navigation() as nav:
        page.locator("a.ap-page-link").first.click()
    assert nav.value.url == server + src and nav.value.headers["content-type"] == "image/png"

    # Overdue as of a date written the UK way: the form comes first, rows are labelled overdue, never due.
    page.goto(server + "/")
    page.locator("nav.ap-nav").get_by_role("link", name="Overdue as of a date").click()
    page.wait_for_load_state()
    assert page.locator("form.ap-query").is_visible() and not page.locator("#sql-query").is_visible()
    page.fill("#qp-as_of", "30/06/2022")
    page.click("text=Show results")
    page.wait_for_load_state()
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0
    dues = page.locator("table.rows-and-columns tbody td.col-due").all_inner_texts()
    assert dues and all(d.strip() < "2022-06-30" for d in dues)
    statuses = {s.strip() for s in page.locator("table.rows-and-columns tbody td.col-status").all_inner_texts()}
    assert "Due" not in statuses and "due" not in statuses and statuses
    page.screenshot(path=str(shots / "05-overdue-as-of.png"))
    page.fill("#qp-as_of", "31/31/2022")
    page.click("text=Show results")
    page.wait_for_load_state()
    assert "is not a date" in page.locator(".ap-param-error").inner_text()
    assert page.locator("table.rows-and-columns").count() == 0

    # Download the flat CSV from the home page.
    page.goto(server + "/")
    with page.expect_download() as info:
        page.get_by_role("link", name="actions.csv").click()
    target = tmp_path / "actions.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) > 10
    assert {"recommendation", "decision", "owners", "due", "themes", "groups", "overdue", "days_overdue",
            "pdf_page"} <= set(rows[0])
    assert all(r["pdf_page"].startswith(server + "/-/pdf/") for r in rows)

    # Charts and a table for power users, still there.
    page.goto(server + "/-/charts")
    assert page.locator("figure.ap-chart svg").count() >= 3
    page.goto(server + "/actionplans/recommendations")
    assert page.locator(".facet-info").count() >= 3 and page.locator("a.source-link").count() > 0
    first_row = page.locator("table.rows-and-columns tbody tr").first.bounding_box()
    assert first_row["y"] < WIDE["height"], "a data row shows on a laptop's first screen"
    assert page.locator("td.col-document_id a").first.inner_text().startswith(("Action Plan", "A ")), "ids as labels"
    page.screenshot(path=str(shots / "06-recommendations-table.png"))

    assert not failed, f"requests that failed: {failed}"
    assert not outside, f"requests to other hosts: {outside}"
    assert not any(violations.values()), f"axe-core: {violations}"


def test_pages_read_at_375_px(browser, server, shots):
    """On a phone's width the reading pages fit the screen: nothing to scroll sideways."""
    page = browser.new_page()
    page.set_viewport_size(NARROW)
    page.goto(server + "/")
    plan = page.locator(".ap-list a[href^='/plan/']").first.get_attribute("href")
    paths = {"home": "/", "theme": "/theme/use_of_force", "plan": plan, "owner": "/owner/governor"}
    page.goto(server + plan)
    rec = page.locator(".ap-links a").first.get_attribute("href")
    paths["recommendation"] = rec
    for name, path in paths.items():
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(shots / f"narrow-{name}.png"))
        assert width <= NARROW["width"] + 1, f"{name} is {width} px wide at 375 px"

"""A campaigner's path through the history pages in a real browser (Debian's chromium, `actionplans serve`):
a prison page -> its timeline of inspections -> a recommendation made again, beside the earlier one.

Uses the server and browser of tests/test_browser.py (the corpus database served on loopback); skips, or fails
under CI, as that module does when the browser is missing. Screenshots go to tests/screenshots/.
"""

from __future__ import annotations

import re

from test_browser import browser, server, shots  # noqa: F401  (fixtures)


def test_a_prisons_timeline_and_a_repeated_recommendation(browser, server, shots):  # noqa: F811
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))

    # From the site's prison page to the establishment's timeline.
    page.goto(server + "/prison/hmp-yoi-kestrel-moor?as_of=2021-07-01")
    page.get_by_role("link", name=re.compile("inspections one after another")).click()
    page.wait_for_load_state()
    assert page.url.endswith("/timeline/kestrel-moor")
    assert page.locator("h1").inner_text() == "HMP Kestrel Moor over time"
    assert page.locator(".ap-sample").first.is_visible()  # sample plans say so
    rows = page.locator("table.ap-timeline-table tbody tr")
    assert rows.count() == 3
    inspected = [rows.nth(i).locator("td").nth(1).inner_text()[:4] for i in range(3)]
    assert inspected == ["2015", "2019", "2022"]
    assert [rows.nth(i).locator("td").nth(0).inner_text() for i in range(3)] == ["1", "2", "3"]
    themes = page.locator("table.ap-theme-counts tbody tr")
    assert themes.filter(has_text="Use of force").count() == 1
    repeats = page.locator("li.ap-repeat")
    assert repeats.count() == 4
    page.screenshot(path=str(shots / "10-timeline.png"), full_page=True)

    # Open the repeated recommendation about drugs: made in 2019, made again in 2022.
    drugs = repeats.filter(has_text="supply of drugs")
    assert "made before in 2019 as recommendation 4" in drugs.inner_text()
    drugs.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert "/repeated/" in page.url
    assert page.locator("h1").inner_text().startswith("Recommended again: HMP Kestrel Moor")
    assert "supply of drugs" in page.locator("section.ap-later .ap-rec-text").inner_text()
    earlier = page.locator("section.ap-earlier")
    assert earlier.count() == 1
    assert "The earlier recommendation (2019-" in earlier.locator("h2").inner_text()
    assert earlier.locator(".ap-rec-text").inner_text().strip()
    action = earlier.locator("table.ap-earlier-actions tbody tr").first
    cells = action.locator("td").all_inner_texts()
    assert "Head of Security" in cells[1] and "October 2019" in cells[2]
    assert cells[3].startswith("overdue") and "before the re-inspection" in cells[3]
    assert "overdue" in page.locator(".ap-summary").inner_text()
    page.screenshot(path=str(shots / "11-repeated-recommendation.png"), full_page=True)

    # Back to the earlier plan itself, which marks the recommendation as made again later.
    earlier.get_by_role("link", name=re.compile("recommendation 4")).click()
    page.wait_for_load_state()
    assert "/plan/" in page.url
    assert page.get_by_role("link", name="Recommended again at a later inspection").count() >= 1
    assert not failed, f"requests that failed: {failed}"

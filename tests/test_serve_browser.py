"""The dashboard in real headless Chromium (the Debian package), driven by Playwright.

Each page must load with no console errors; screenshots go to test-artifacts/.
Without chromium these tests fail in CI (CI=true) and are skipped elsewhere.
"""

from __future__ import annotations

import itertools

import pytest

from communique import read_articles
from communique.serve import create_app
from communique.serve.ingest import Ingest
from communique.store import open_store
from tests.conftest import SAMPLES
from tests.serving import ARTIFACTS, chromium_path, running

TOKEN = "browser-token"
STORY = (
    "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Tuesday. "
    "The two leaders signed an agreement on cross-border trade."
)
PAGES = {  # address: what shows that the page has drawn its data
    "/": "table.data tbody tr",
    "/dyads": "#chart svg rect.period",
    "/network": "#graph svg line.edge",
    "/map": "#map svg circle.place",
    "/ingest": "textarea[name=text]",
    "/docs": "#reference section",
}


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, coder):
    """A server over the first eight sample stories, coded by the session's Coder."""
    url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'samples.db'}"
    with open_store(url) as store:
        for article, events in coder.pipe(itertools.islice(read_articles([SAMPLES]), 8)):
            store.save_events(article, events, coder.version)
    with running(create_app(url, token=TOKEN, ingest=Ingest(coder=coder))) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A browser page that records console errors and uncaught exceptions; the test fails on any."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    yield page
    context.close()
    assert problems == [], f"console errors: {problems}"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("address", list(PAGES))
def test_serve_browser_page_loads_without_console_errors(dashboard, page, address):
    response = page.goto(dashboard + address)
    assert response is not None and response.status == 200
    page.wait_for_selector(PAGES[address], timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert page.locator(".error").count() == 0
    screenshot(page, "page-" + (address.strip("/") or "events"))


def test_serve_browser_filter_changes_the_table(dashboard, page):
    page.goto(dashboard + "/")
    rows = page.locator("table.data tbody tr")
    rows.first.wait_for()
    before = rows.count()
    source = rows.nth(0).locator("td").nth(1).inner_text()
    page.fill("input[name=source]", source)
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"document.querySelectorAll('table.data tbody tr').length !== {before}")
    sources = page.locator("table.data tbody tr td:nth-child(2)").all_inner_texts()
    assert sources and len(sources) < before
    assert all(text.startswith(source) for text in sources)
    assert f"source={source}" in page.url  # the filtered table can be linked
    screenshot(page, "events-filtered")


def test_serve_browser_row_opens_the_evidence(dashboard, page):
    page.goto(dashboard + "/")
    row = page.locator("table.data tbody tr").nth(2)
    row.wait_for()
    event_id = row.get_attribute("data-event")
    row.click()
    chosen = page.locator("#evidence mark.chosen")
    chosen.first.wait_for()
    event = page.evaluate(f"fetch('/api/events/{event_id}').then((r) => r.json())")
    assert "".join(chosen.all_inner_texts()).split() == event["evidence"].split()  # marks split at mentions
    assert page.locator("#evidence .article-text").inner_text().count(event["evidence"].split()[0]) >= 1
    assert page.locator("#evidence span.mention").count() > 0
    screenshot(page, "events-evidence")


def test_serve_browser_dyad_period_lists_its_events(dashboard, page):
    page.goto(dashboard + "/dyads")
    bars = page.locator("#chart svg rect.period[data-period]")
    bars.first.wait_for(timeout=20_000)
    bars.first.click()
    page.locator("#table table.data tbody tr").first.wait_for()
    assert "Events" in page.locator("#period-title").inner_text()
    assert page.locator("#mix .bar-row").count() > 0
    screenshot(page, "dyads-period")


def test_serve_browser_ingest_codes_a_pasted_story(dashboard, page):
    page.goto(dashboard + "/ingest")
    page.fill("textarea[name=text]", STORY)
    page.fill("input[name=published]", "2024-03-05")
    page.click("#code")
    coded = page.locator("#coded-events > li")
    coded.first.wait_for(timeout=60_000)
    listed = " ".join(coded.all_inner_texts())
    assert "KEN" in listed and "→" in listed  # each event shows the rule that coded it
    assert page.locator("#result mark.evidence").count() >= 1
    screenshot(page, "ingest-coded")
    page.fill("input[name=token]", TOKEN)
    page.click("#store")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('stored')")
    assert "stored 1 stories" in page.locator("#status").inner_text()


def test_serve_browser_store_with_a_wrong_token_says_so(dashboard, page):
    page.goto(dashboard + "/ingest")
    page.fill("textarea[name=text]", STORY)
    page.fill("input[name=token]", "not-the-token")
    page.click("#store")
    page.wait_for_function("document.getElementById('status').classList.contains('error')")
    assert page.locator("#status").inner_text() == "wrong token"
    page.problems.clear()  # the browser logs the 403 answer itself; the page handled it

"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium through Playwright).

Starts `streamlit run dashboard.py` on a free port against an empty temp store, so the first
start ingests the bundled sample corpus; then changes a filter through the ARIA combobox,
checks the chart changed, downloads a PNG and checks it decodes, and saves a screenshot of
each view at 1366x768 into docs/screenshots/. Never skipped when Chromium is there; without
it the test fails with the install command.
"""
from __future__ import annotations

import importlib.util
import re
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _screens():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chart_title(page) -> str:
    return page.locator(".js-plotly-plot .gtitle").first.text_content() or ""


def events_in_title(page) -> int:
    m = re.search(r"([\d,]+) events", chart_title(page))
    assert m, chart_title(page)
    return int(m.group(1).replace(",", ""))


@pytest.mark.timeout(420)
def test_dashboard_in_chromium(tmp_path):
    screens = _screens()
    if not Path(screens.CHROMIUM).exists():
        pytest.fail(f"{screens.CHROMIUM} is missing: apt-get install -y chromium (CI does); "
                    "never `playwright install`")
    from playwright.sync_api import sync_playwright

    store = tmp_path / "store"  # empty: the app must ingest data/samples on first start
    with screens.streamlit_server(store, timeout=240) as url, sync_playwright() as p:
        browser = screens.launch_browser(p)
        page = browser.new_page(viewport=screens.VIEWPORT, accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url)
        screens.wait_for_app(page, timeout=240_000)
        page.locator(".js-plotly-plot").first.wait_for()
        before = events_in_title(page)
        assert before > 0

        # a filter through the ARIA combobox: the chart must change, the URL must keep it
        theaters = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Theaters / countries")
        theaters.get_by_role("combobox").click()
        options = page.get_by_role("option")
        options.first.wait_for()
        names = [o.inner_text().strip() for o in options.all()]
        choice = names[-1]  # the least frequent theater: certainly fewer events than all
        page.get_by_role("option", name=choice, exact=True).click()
        page.keyboard.press("Escape")
        screens.wait_for_app(page)
        page.wait_for_function(f"() => !document.querySelector('.js-plotly-plot .gtitle')"
                               f".textContent.includes('{before:,} events')", timeout=60_000)
        after = events_in_title(page)
        assert 0 < after < before
        assert "theater=" in page.url

        # PNG download rendered server side by kaleido
        with page.expect_download(timeout=90_000) as info:
            page.get_by_role("button", name="⬇ PNG").first.click()
        download = info.value
        assert download.suggested_filename.endswith(".png")
        data = Path(download.path()).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
        width, height = struct.unpack(">II", data[16:24])
        assert width == 1600 and height >= 400

        # the link reproduces the view in a fresh page
        fresh = browser.new_page(viewport=screens.VIEWPORT)
        fresh.goto(page.url)
        screens.wait_for_app(fresh)
        fresh.locator(".js-plotly-plot").first.wait_for()
        assert events_in_title(fresh) == after
        fresh.close()

        # screenshots of every view (unfiltered), for the README and a human look
        shots = screens.capture_all(page, url)
        for shot in shots:
            assert shot.exists() and shot.stat().st_size > 10_000
        assert not [e for e in errors if "topojson" in e.lower()], errors
        browser.close()

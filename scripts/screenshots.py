"""Screenshots of every dashboard view at 1366x768 into docs/screenshots/ (real headless Chromium).

    python scripts/screenshots.py                 # temp store, filled from the bundled samples on first start
    python scripts/screenshots.py --store data/store

Also the helpers tests/test_browser.py uses: start `streamlit run dashboard.py` on a free
port, wait for /_stcore/health, launch Debian's Chromium through Playwright (never a
downloaded browser).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1366, "height": 768}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(store_dir: Path, timeout: float = 180.0) -> Iterator[str]:
    """`streamlit run dashboard.py` against `store_dir`; yields the base URL once healthy."""
    port = free_port()
    env = {**os.environ, "CONFLICT_TIMELINE_STORE": str(store_dir)}
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"streamlit exited early:\n{log.read().decode(errors='replace')[-3000:]}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            if time.time() > deadline:
                raise RuntimeError("streamlit did not become healthy in time")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def launch_browser(playwright):
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium); "
                           "never `playwright install`")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def wait_for_app(page, timeout: float = 120_000) -> None:
    """The script has finished: a chart or the title is there and nothing is running any more."""
    page.get_by_role("heading", name="Conflict Timeline").wait_for(timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(600)


def open_view(page, name: str) -> None:
    page.get_by_role("radiogroup", name="View").get_by_role("radio", name=name, exact=True).click()
    wait_for_app(page)


def capture_all(page, base_url: str, out_dir: Path = SHOTS) -> list[Path]:
    """Timeline, drill-down, weekly bars, map, publication dates: one PNG each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    page.set_viewport_size(VIEWPORT)
    page.goto(base_url)
    wait_for_app(page)
    page.locator(".js-plotly-plot").first.wait_for()
    shots.append(_shot(page, out_dir / "timeline.png"))
    # drill-down: click an event marker inside the visible plot area
    if click_visible_point(page):
        wait_for_app(page)
        page.get_by_text("Selected event", exact=False).first.scroll_into_view_if_needed()
        page.wait_for_timeout(400)
    shots.append(_shot(page, out_dir / "drilldown.png", top=False))
    page.goto(base_url)
    wait_for_app(page)
    titles = {"Events per week": "Events per week", "Map": "Where events happened"}
    for view, name in (("Events per week", "weekly.png"), ("Map", "map.png"),
                       ("Publication dates", "publication_dates.png"), ("Add articles", "upload.png")):
        open_view(page, view)
        if view in titles:  # the new chart, not the previous view's chart fading out
            page.wait_for_function(
                "t => [...document.querySelectorAll('.js-plotly-plot .gtitle')].some(e => e.textContent.includes(t))",
                arg=titles[view], timeout=60_000)
            page.wait_for_timeout(800)
        shots.append(_shot(page, out_dir / name))
    return shots


def click_visible_point(page) -> bool:
    """Click the first event marker drawn inside the plot area (the x axis may be zoomed)."""
    xy = page.evaluate("""() => {
        const plot = document.querySelector('.js-plotly-plot');
        if (!plot) return null;
        const area = plot.querySelector('.nsewdrag').getBoundingClientRect();
        for (const p of plot.querySelectorAll('.scatterlayer .trace .points path.point')) {
            const r = p.getBoundingClientRect();
            const x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (r.width > 0 && x > area.left + 5 && x < area.right - 5 && y > area.top + 5 && y < area.bottom - 5
                && y < window.innerHeight - 5) return [x, y];
        }
        return null;
    }""")
    if not xy:
        return False
    page.mouse.click(xy[0], xy[1])
    return True


def _shot(page, path: Path, top: bool = True) -> Path:
    for close in page.locator('[data-testid="stToast"] button').all():  # the first-start toast
        with contextlib.suppress(Exception):
            close.click(timeout=1000)
    if top:  # Streamlit scrolls its main section, not the window
        page.locator('[data-testid="stMain"]').evaluate("e => e.scrollTo(0, 0)")
        page.wait_for_timeout(200)
    page.screenshot(path=str(path), full_page=False)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="store to show (default: a fresh temp store with the samples)")
    ap.add_argument("--out", type=Path, default=SHOTS)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        with streamlit_server(store) as url, sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport=VIEWPORT)
            for path in capture_all(page, url, args.out):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            browser.close()


if __name__ == "__main__":
    main()

"""Screenshots of every dashboard view at 1366x768 into docs/screenshots/ (real headless Chromium).

    python scripts/screenshots.py                 # temp store, filled from the bundled samples on first start
    python scripts/screenshots.py --store data/store

Also the helpers tests/test_browser.py uses: start `streamlit run dashboard.py` on a free
port, wait for /_stcore/health, launch Debian's Chromium through Playwright (never a
downloaded browser), and cut the browser off from everything but this machine (`offline`):
the screenshots show what an analyst without network sees.
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
import urllib.parse
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


def offline(context) -> list[str]:
    """Abort every request of `context` that leaves 127.0.0.1; returns the (growing) list of them."""
    tried: list[str] = []

    def route(r) -> None:
        host = urllib.parse.urlsplit(r.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            tried.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return tried


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


def wait_for_chart(page, title: str, timeout: float = 60_000) -> None:
    """The chart whose title holds `title` is drawn (not the previous view's chart fading out)."""
    page.wait_for_function(
        "t => [...document.querySelectorAll('.js-plotly-plot .gtitle')].some(e => e.textContent.includes(t))",
        arg=title, timeout=timeout)


def wait_for_map_shapes(page, timeout: float = 60_000) -> None:
    """Land and borders drawn: plotly.js got its topojson (from the app: nothing else is reachable)."""
    page.wait_for_function(
        "() => { const c = document.querySelector('.js-plotly-plot .countries path');"
        " return c && (c.getAttribute('d') || '').length > 1000; }", timeout=timeout)


#: the drill-down shot searches for this word, so it shows the search highlight too
DRILLDOWN_SEARCH = "strike"


def capture_all(page, base_url: str, out_dir: Path = SHOTS) -> list[Path]:
    """Timeline, drill-down, weekly bars, map, publication dates, upload: one PNG each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    page.set_viewport_size(VIEWPORT)
    page.goto(base_url)
    wait_for_app(page)
    wait_for_chart(page, "Timeline")
    shots.append(_shot(page, out_dir / "timeline.png"))
    # drill-down: search a word, click an event marker inside the visible plot area
    page.goto(f"{base_url}/?q={DRILLDOWN_SEARCH}")
    wait_for_app(page)
    wait_for_chart(page, "Timeline")
    if click_visible_point(page):
        wait_for_app(page)
        page.get_by_text("Selected event", exact=False).first.scroll_into_view_if_needed()
        page.wait_for_timeout(400)
    shots.append(_shot(page, out_dir / "drilldown.png", top=False))
    page.goto(base_url)
    wait_for_app(page)
    titles = {"Events per week": "Events per week", "Map": "Where events happened"}
    for view, name in (("Events per week", "weekly.png"), ("Map", "map.png")):
        open_view(page, view)
        wait_for_chart(page, titles[view])
        if view == "Map":
            wait_for_map_shapes(page)
        page.wait_for_timeout(800)
        shots.append(_shot(page, out_dir / name))
    # an upload of an article with no date: the form says it needs one, the dates panel asks for it first
    open_view(page, "Add articles")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "militia_statement.txt"
        path.write_text(UNDATED_ARTICLE, encoding="utf-8")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
        page.wait_for_function("() => { const b = [...document.querySelectorAll('button')]"
                               ".find(b => b.textContent.includes('Add to the store')); return b && !b.disabled; }",
                               timeout=60_000)  # the upload reached the server
        page.get_by_role("button", name="Add to the store").click()
        page.get_by_text("a publication date (their relative dates").first.wait_for(timeout=120_000)
        wait_for_app(page)
    shots.append(_shot(page, out_dir / "upload.png"))
    open_view(page, "Publication dates")
    page.locator('[data-testid="stDataFrame"] canvas').first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the table draws its cells after the canvas appears
    shots.append(_shot(page, out_dir / "publication_dates.png"))
    return shots


#: our own few lines with no date clue at all (the upload screenshot's file)
UNDATED_ARTICLE = ("Militia says it will keep up its attacks\n\n"
                   "A militia said it would keep up its attacks on the base until the foreign troops leave. "
                   "The group gave no details of its last attack.\n")


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
            context = browser.new_context(viewport=VIEWPORT)
            offline(context)
            page = context.new_page()
            for path in capture_all(page, url, args.out):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            browser.close()


if __name__ == "__main__":
    main()

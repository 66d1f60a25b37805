"""Dashboard speed: a session on the sample corpus as the server meets it, and the engine at scale.

    python benchmarks/dashboard_bench.py                    # sample corpus sessions, then 10k, 100k, 1M events
    python benchmarks/dashboard_bench.py --sizes 10000 --repeat 3
    python benchmarks/dashboard_bench.py --sessions-only --baseline-ref HEAD   # + an older dashboard, same run

Sample corpus (data/samples ingested into a temp store), the real `dashboard.py` run by
Streamlit's AppTest in a subprocess, server side only (the browser's part is printed by
tests/test_browser.py):
  new session      a fresh AppTest session, the process's caches warm (what every visitor after
                   the first one costs); peer in the same run: the same with every Streamlit cache
                   cleared first (a first session after a restart: engine, options, figures built)
  filter change    one session picks each theater in turn (a filter set nobody asked for yet);
                   peer: the same filter sets asked again (served from the shared figure cache)
  floor            a bare script with one 3-point Plotly chart
Each figure is one run of the script, timed from inside its thread (AppTest only drives it).
  --baseline-ref   the same measures for the dashboard of an older commit (`git archive`; the same
                   store, ingested once by this checkout), for before/after figures from one run

For each size: synthetic events (benchmarks/generate_corpus.synthetic_events, else a local
generator) are written once as the store's derived Parquet file; then, timed:
  first load   Parquet read with the store's own reader (store.table_to_frame) -> prepare_events
               -> EventQuery (DuckDB) -> sidebar options -> first timeline figure
  filter change  for a few typical filter edits: query + figure build for the timeline, the
               weekly bars and the map (server side; what happens between a widget change and
               st.plotly_chart), and the JSON size of each figure (what goes to the browser)
  peer         the same filter with the pandas reference (`query.apply_filters`) for comparison
Targets (issue 6.5): 1M events -> filter change <= 300 ms, payload <= 2 MB, first load <= 3 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from loaders import charts, query  # noqa: E402
from loaders.query import EventQuery, Filters, ViewOptions  # noqa: E402

TARGET_FILTER_MS, TARGET_PAYLOAD_MB, TARGET_FIRST_S = 300, 2.0, 3.0


def synthetic(n: int, seed: int = 0):
    from generate_corpus import synthetic_events

    return synthetic_events(n, seed)


def write_store_file(df, path: Path) -> None:
    from loaders.store import EVENT_SCHEMA

    table = pa.Table.from_pandas(df, preserve_index=False)
    table = table.cast(EVENT_SCHEMA) if set(table.column_names) == set(EVENT_SCHEMA.names) else table
    pq.write_table(table, path)


def load_like_the_dashboard(path: Path):
    """What the dashboard hands the engine (app_state.load_events_source): the derived Parquet
    path itself, which EventQuery reads with DuckDB. Older trees read it into Arrow first."""
    try:
        from loaders.app_state import load_events_source  # noqa: F401
    except ImportError:  # older tree (for before/after runs)
        from loaders.store import EVENT_SCHEMA

        return pq.read_table(path).cast(EVENT_SCHEMA)
    return path


def typical_filters(opts: query.Options) -> list[tuple[str, Filters]]:
    mid = opts.date_min + (opts.date_max - opts.date_min) / 2
    return [
        ("one theater", Filters(theaters=(opts.theaters[0],))),
        ("actor + affiliates", Filters(actors=(opts.actors[0],))),
        ("3 months window", Filters(date_from=mid, date_to=mid + dt.timedelta(days=90))),
        ("search 'strike'", Filters(search="strike")),
        ("type + precision", Filters(event_types=(opts.event_types[0],), precisions=("day",))),
    ]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def run_size(n: int, repeat: int, tmp: Path) -> dict:
    df = synthetic(n)
    path = tmp / f"events-{n}.parquet"
    write_store_file(df, path)
    prepared = query.prepare_events(df)  # for the pandas peer only (not part of the dashboard's path)
    del df

    c0 = time.process_time()
    t0 = time.perf_counter()
    table = load_like_the_dashboard(path)
    t_read = time.perf_counter()
    t_prep = t_read  # normalization happens inside the engine build (SQL)
    engine = EventQuery(table)
    t_engine = time.perf_counter()
    opts = engine.options()
    colors = {"event_type": charts.color_map(opts.event_types), "theater": charts.color_map(opts.theaters)}
    t_opts = time.perf_counter()
    fig, info = charts.timeline_view(engine, Filters(), ViewOptions(), colors["event_type"])
    fig.to_json()
    t_fig = time.perf_counter()
    cpu_first = time.process_time() - c0
    first = {"cpu": cpu_first, "read": t_read - t0, "prepare": t_prep - t_read, "engine": t_engine - t_prep, "options": t_opts - t_engine,
             "figure": t_fig - t_opts, "total": t_fig - t0}

    rows = []
    for name, f in typical_filters(opts):
        times = {"timeline": [], "weekly": [], "map": [], "summary": [], "cpu_view": [], "cpu_all": []}
        sizes = {}
        for _ in range(repeat):
            getattr(engine, "clear_cache", lambda: None)()  # each repeat = a fresh filter change
            c_start = time.process_time()
            t = time.perf_counter()
            tl, tl_info = charts.timeline_view(engine, f, ViewOptions(), colors["event_type"])
            tl_json = tl.to_json()
            times["timeline"].append(time.perf_counter() - t)
            c_timeline = time.process_time() - c_start
            t = time.perf_counter()
            wk = charts.weekly_view(engine, f, "event_type", colors["event_type"])
            wk_json = wk.to_json()
            times["weekly"].append(time.perf_counter() - t)
            t = time.perf_counter()
            mp = charts.map_view(engine, f, colors["event_type"])
            mp_json = mp.to_json()
            times["map"].append(time.perf_counter() - t)
            t = time.perf_counter()
            engine.summary(f)
            times["summary"].append(time.perf_counter() - t)
            times["cpu_all"].append(time.process_time() - c_start)
            c = time.process_time()
            getattr(engine, "clear_cache", lambda: None)()
            engine.summary(f)  # timeline + summary alone, on a fresh cache: what a filter change costs
            charts.timeline_view(engine, f, ViewOptions(), colors["event_type"])[0].to_json()
            times["cpu_view"].append(time.process_time() - c)
            del c_timeline
            sizes = {"timeline": len(tl_json), "weekly": len(wk_json), "map": len(mp_json)}
        t = time.perf_counter()
        peer_n = len(query.apply_filters(prepared, f))
        peer = time.perf_counter() - t
        med = {k: statistics.median(v) for k, v in times.items()}
        rows.append({"filter": name, "n": tl_info["n"], "aggregated": tl_info["aggregated"], **med,
                     "view_total": med["timeline"] + med["summary"], "sizes": sizes, "peer": peer, "peer_n": peer_n,
                     "duckdb_n": engine.count(f)})
    return {"n": n, "first": first, "rows": rows}


# --- sample corpus: a browser session as the server meets it ---------------------------------------

FLOOR_SCRIPT = """import plotly.graph_objects as go
import streamlit as st

st.title("Conflict Timeline")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
"""


#: AppTest runs this instead of the app: the app itself, timed from inside the script thread, so the
#: figures hold what the server spends on a run and none of AppTest's own bookkeeping
TIMED_RUN = """import builtins, runpy, time
started, cpu = time.perf_counter(), time.thread_time()
try:
    runpy.run_path({app!r}, run_name="__main__")
finally:
    builtins._dashboard_bench_last = (time.perf_counter() - started, time.thread_time() - cpu)
"""


def session_worker(root: Path, store: Path, repeat: int) -> dict:
    """Runs in its own process (imports `loaders` of `root`): script-run timings of root/dashboard.py."""
    import builtins
    import logging

    os.environ["CONFLICT_TIMELINE_STORE"] = str(store)
    sys.path.insert(0, str(root))
    os.chdir(root)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    (work / "floor_app.py").write_text(FLOOR_SCRIPT)
    for name, target in (("app", root / "dashboard.py"), ("floor", work / "floor_app.py")):
        (work / f"timed_{name}.py").write_text(TIMED_RUN.format(app=str(target)))

    def run(at: AppTest) -> tuple[float, float]:
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)
        return builtins._dashboard_bench_last

    def new_session(name: str = "app") -> tuple[tuple[float, float], AppTest]:
        at = AppTest.from_file(str(work / f"timed_{name}.py"), default_timeout=600)
        return run(at), at

    new_session()  # first start: fills the process caches
    cold = []
    for _ in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        cold.append(new_session()[0])
    new_session()
    warm = [new_session()[0] for _ in range(repeat)]
    _, at = new_session()
    header = next((m.value for m in at.markdown if m.value.startswith("**") and " events" in m.value), "")
    events = int(header.strip("*").split(" events")[0].replace(",", "") or 0) if header else 0
    theaters = next(w for w in at.multiselect if w.key == "f_theaters").options[: max(repeat, 3) * 2]

    def change(values: list[str]) -> tuple[float, float]:
        next(w for w in at.multiselect if w.key == "f_theaters").set_value(values)
        return run(at)

    first = [change([name]) for name in theaters]
    again = [change([name]) for name in theaters]
    new_session("floor")
    floor = [new_session("floor")[0] for _ in range(repeat)]
    return {"cold": cold, "warm": warm, "first": first, "again": again, "floor": floor, "theaters": len(theaters),
            "events": events}


def ingest_samples(root: Path, store: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "loaders", "ingest", "data/samples", "--store", str(store),
                           "--no-progress"], cwd=root, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"ingest of the samples failed: {done.stderr[-2000:]}")


def checkout(ref: str, into: Path) -> Path:
    """An older commit's tree (read-only `git archive`: the checkout itself is never touched)."""
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run_sessions(repeat: int, tmp: Path, baseline_ref: str | None) -> list[dict]:
    trees = [("this checkout", ROOT)]
    if baseline_ref:
        trees.append((f"baseline {baseline_ref}", checkout(baseline_ref, tmp / "baseline")))
    samples = tmp / "samples-store"
    ingest_samples(ROOT, samples)  # one corpus for every tree: the same events, whatever each extractor does
    out = []
    for name, root in trees:
        store = tmp / f"store-{len(out)}"
        shutil.copytree(samples, store)
        print(f"... sample corpus sessions: {name}", flush=True)
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--session-worker", str(root), str(store),
                               "--repeat", str(repeat)], capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError(f"{name}: {done.stderr[-2000:]}")
        out.append({"name": name, **json.loads(done.stdout.strip().splitlines()[-1])})
    return out


def sessions_report(results: list[dict]) -> list[str]:
    def med(v: list[list[float]]) -> str:
        return f"{ms(statistics.median(x[0] for x in v))} ({ms(statistics.median(x[1] for x in v))})"

    lines = ["## Sample corpus: a session as the server meets it (AppTest, median)", "",
             "Time of one run of `dashboard.py` (the script thread, timed from inside it; AppTest only drives it). "
             "New session = a visitor opening the dashboard while the server's caches are warm; peer: every "
             "Streamlit cache cleared first (engine, options and figures rebuilt). Filter change = picking "
             "a theater nobody asked for yet; peer: the same filter sets asked again. Floor: a bare page with "
             "one 3-point Plotly chart. Server side only: the browser's part is printed by "
             "`tests/test_browser.py`. Each cell: wall clock (CPU time of the script thread); on a shared "
             "machine the CPU figure is the steadier one.", "",
             "| dashboard | events | new session | peer: caches cleared | filter change | peer: filter seen before | "
             "floor: bare page |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['name']} | {r['events']:,} | {med(r['warm'])} | {med(r['cold'])} | {med(r['first'])} | "
                     f"{med(r['again'])} | {med(r['floor'])} |")
    return lines + [""]


def report(results: list[dict], command: str, sessions: list[dict] | None = None) -> str:
    lines = ["# Dashboard benchmark (latest run)", "", f"Command: `{command}`", "",
             f"Machine: {_machine()}", "", *(sessions_report(sessions) if sessions else []),
             f"Targets at 1M events: filter change → figure ready ≤ {TARGET_FILTER_MS} ms (server side), "
             f"payload ≤ {TARGET_PAYLOAD_MB} MB, first load ≤ {TARGET_FIRST_S} s.", "",
             "## First load (store's derived Parquet → DuckDB engine (read + SQL normalization in one pass) → options "
             "→ first timeline figure; 'read' is only locating the file now)", "",
             "Wall clock, and the process CPU time of the whole first load (all threads: DuckDB and Arrow use "
             "both cores, so CPU can exceed wall; on a shared machine wall clock is the noisier figure).", "",
             "| events | read | engine | options | figure | **total** | CPU total |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        f = r["first"]
        lines.append(f"| {r['n']:,} | {ms(f['read'])} | {ms(f['engine'])} | {ms(f['options'])} | "
                     f"{ms(f['figure'])} | **{f['total']:.2f} s** | {f['cpu']:.2f} s |")
    lines += ["", "## Filter change → ready figure (median; query + figure build + JSON serialization)", "",
              "Timeline = what the default view re-runs on a filter change (plus the summary line). "
              "Peer: the same filter with the pandas reference `apply_filters` (filtering only, no figure).", "",
              "CPU columns: process CPU time (all threads) for timeline + summary on a fresh cache, and for "
              "all three charts + summary.", "",
              "| events | filter | matches | timeline mode | timeline | summary | weekly | map | CPU timeline+summary | "
              "CPU all | timeline JSON | weekly JSON | map JSON | peer: pandas filter |",
              "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for row in r["rows"]:
            s = row["sizes"]
            lines.append(
                f"| {r['n']:,} | {row['filter']} | {row['n']:,} | {'aggregated' if row['aggregated'] else 'points'} | "
                f"{ms(row['timeline'])} | {ms(row['summary'])} | {ms(row['weekly'])} | {ms(row['map'])} | "
                f"{ms(row['cpu_view'])} | {ms(row['cpu_all'])} | "
                f"{s['timeline'] / 1e6:.2f} MB | {s['weekly'] / 1e6:.2f} MB | {s['map'] / 1e6:.2f} MB | "
                f"{ms(row['peer'])} |")
    if not results:
        return "\n".join(lines[:lines.index("## First load (store's derived Parquet → DuckDB engine (read + SQL "
                                            "normalization in one pass) → options → first timeline figure; 'read' "
                                            "is only locating the file now)")]) + "\n"
    big = [r for r in results if r["n"] >= 1_000_000]
    if big:
        r = big[-1]
        worst = max(row["view_total"] for row in r["rows"])
        worst_cpu = max(row["cpu_view"] for row in r["rows"])
        worst_all = max(row["timeline"] + row["weekly"] + row["map"] + row["summary"] for row in r["rows"])
        payload = max(max(row["sizes"].values()) for row in r["rows"]) / 1e6
        lines += ["", "## Verdict at 1M events", "",
                  f"- filter change → timeline + summary ready, worst filter: {ms(worst)} "
                  f"({'meets' if worst * 1000 <= TARGET_FILTER_MS else 'MISSES'} ≤ {TARGET_FILTER_MS} ms); "
                  f"all three charts + summary: {ms(worst_all)}; CPU time of the worst timeline + summary: "
                  f"{ms(worst_cpu)}",
                  f"- largest figure payload: {payload:.2f} MB "
                  f"({'meets' if payload <= TARGET_PAYLOAD_MB else 'MISSES'} ≤ {TARGET_PAYLOAD_MB} MB)",
                  f"- first load: {r['first']['total']:.2f} s "
                  f"({'meets' if r['first']['total'] <= TARGET_FIRST_S else 'MISSES'} ≤ {TARGET_FIRST_S} s); "
                  f"CPU {r['first']['cpu']:.2f} s"]
    for r in results:
        for row in r["rows"]:
            assert row["peer_n"] == row["duckdb_n"], f"pandas and DuckDB disagree on {row['filter']} at {r['n']}"
    lines += ["", "pandas reference and DuckDB engine returned the same number of events for every filter."]
    return "\n".join(lines) + "\n"


def _machine() -> str:
    import os
    import platform

    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "dashboard_bench_latest.md")
    ap.add_argument("--sessions-only", action="store_true", help="only the sample-corpus session figures")
    ap.add_argument("--no-sessions", action="store_true", help="only the engine at scale")
    ap.add_argument("--baseline-ref", metavar="REF", help="also measure the dashboard of this git commit")
    ap.add_argument("--session-worker", nargs=2, metavar=("ROOT", "STORE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.session_worker:
        print(json.dumps(session_worker(Path(args.session_worker[0]), Path(args.session_worker[1]), args.repeat)))
        return
    command = "python benchmarks/dashboard_bench.py" + (
        f" --sizes {' '.join(map(str, args.sizes))}" if args.sizes != [10_000, 100_000, 1_000_000] else "") + (
        f" --repeat {args.repeat}" if args.repeat != 5 else "") + (" --sessions-only" if args.sessions_only else "") + (
        " --no-sessions" if args.no_sessions else "") + (f" --baseline-ref {args.baseline_ref}" if args.baseline_ref else "")
    results = []
    sessions = None
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_sessions:
            sessions = run_sessions(args.repeat, Path(tmp), args.baseline_ref)
            shutil.rmtree(Path(tmp) / "baseline", ignore_errors=True)
        for n in ([] if args.sessions_only else args.sizes):
            print(f"... {n:,} events", flush=True)
            results.append(run_size(n, args.repeat, Path(tmp)))
    text = report(results, command, sessions)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()

"""Dashboard at scale: filter change -> ready Plotly figure, payload size, first load.

    python benchmarks/dashboard_bench.py                    # 10k, 100k, 1M events
    python benchmarks/dashboard_bench.py --sizes 10000 --repeat 3

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
import statistics
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


def report(results: list[dict], command: str) -> str:
    lines = ["# Dashboard benchmark (latest run)", "", f"Command: `{command}`", "",
             f"Machine: {_machine()}", "",
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
    args = ap.parse_args()
    command = "python benchmarks/dashboard_bench.py" + (
        f" --sizes {' '.join(map(str, args.sizes))}" if args.sizes != [10_000, 100_000, 1_000_000] else "") + (
        f" --repeat {args.repeat}" if args.repeat != 5 else "")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print(f"... {n:,} events", flush=True)
            results.append(run_size(n, args.repeat, Path(tmp)))
    text = report(results, command)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()

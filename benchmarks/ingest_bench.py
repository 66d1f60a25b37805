"""Ingest throughput and memory: the full pipeline vs a naive dateparser baseline, same run.

What is measured (each configuration in a fresh subprocess, so peak RSS is its own):
  * full pipeline (read, normalize, date, extract with the spaCy parse, merge, store) on a synthetic
    corpus of N articles (~600 words) in the raw pasted layout, in one process and with all cores;
    the floor is 15 articles/s per core;
  * a second peer: the same pipeline parsing EVERY sentence (no trigger prefilter), one process --
    what the prefilter saves;
  * the naive baseline the task names: `dateparser.search.search_dates(text, languages=["en"],
    settings={"RELATIVE_BASE": published, "PREFER_DATES_FROM": "past"})` on each article's
    text -- on a SAMPLE (default 200 articles) because it is slow, and said so in the output;
  * for a like-for-like view, our temporal tagger alone (`loaders.timex.tag`) on that sample;
  * `--memory-check N`: max resident memory of a streaming ingest of N articles (main
    process, the largest other process, and all of them together).

Memory and CPU cover every process of the run: workers are forked by a fork server, i.e. they
are grandchildren of the measuring process, so a thread samples the whole process tree from
/proc (see ProcessTreeSampler) besides getrusage.

    python benchmarks/ingest_bench.py                 # sizes 1000 10000, writes ingest_bench_latest.md
    python benchmarks/ingest_bench.py --quick         # 300 articles, sample 50: a smoke run
    python benchmarks/ingest_bench.py --memory-check 100000
    python benchmarks/ingest_bench.py --profile 300   # pyinstrument hot spots of a 1-process ingest
    python benchmarks/ingest_bench.py --startup       # start-up: first article, worker pool cold / warm
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

import generate_corpus  # noqa: E402

LATEST_MD = HERE / "ingest_bench_latest.md"


# --- measurements that run inside a child process --------------------------------------------
def _peak_rss_mib() -> dict[str, float]:
    """ru_maxrss is KiB on Linux: the high-water mark of this process and of its largest child."""
    self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"rss_main_mib": self_kib / 1024, "rss_worker_mib": child_kib / 1024}


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, user+system CPU seconds) of a live process, from /proc/<pid>/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2:].split()  # the name (field 2) may hold spaces and ')'
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def _proc_memory_kib(pid: int) -> tuple[int, int]:
    """(current RSS, high-water RSS) in KiB from /proc/<pid>/status; (0, 0) when gone."""
    rss = hwm = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


class ProcessTreeSampler:
    """Peak memory and CPU of this process and ALL its descendants, sampled from /proc.

    Why: local ingest workers are forked by a fork server, so they are grandchildren of the
    measuring process; getrusage(RUSAGE_CHILDREN) only sees children that were waited for, and
    the fork server stays up (and keeps its workers' figures) until the process exits. So a thread
    walks the process tree every `interval` seconds and keeps, per process, its high-water RSS
    (VmHWM, exact up to the last sample) and its last CPU time (a worker's final `interval` of
    CPU may be missed), and the largest SUM of the current RSS of all processes at one moment.
    RSS counts the pages a forked process shares with its parent in each process, as RSS always
    does. Off Linux (no /proc) it records nothing and `available` is False.
    """

    def __init__(self, interval: float = 0.05) -> None:
        import threading

        self.interval = interval
        self.available = Path("/proc/self/stat").exists()
        self.root = os.getpid()
        self.peak_kib: dict[int, int] = {}
        self.cpu_s: dict[int, float] = {}
        self.peak_total_kib = 0
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ProcessTreeSampler:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()
            self.sample()

    def _descendants(self) -> list[int]:
        parent_of: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                st = _proc_stat(int(entry.name))
                if st is not None:
                    parent_of[int(entry.name)] = st[0]
        tree, frontier = [], [self.root]
        while frontier:
            pid = frontier.pop()
            kids = [c for c, p in parent_of.items() if p == pid]
            tree.extend(kids)
            frontier.extend(kids)
        return tree

    def sample(self) -> None:
        total = 0
        pids = [self.root, *self._descendants()]
        for pid in pids:
            rss, hwm = _proc_memory_kib(pid)
            st = _proc_stat(pid)
            if st is None:
                continue
            total += rss
            self.peak_kib[pid] = max(self.peak_kib.get(pid, 0), hwm, rss)
            self.cpu_s[pid] = st[1]
        self.peak_total_kib = max(self.peak_total_kib, total)
        self.max_processes = max(self.max_processes, len(pids))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def figures(self) -> dict[str, float]:
        """rss_main_mib / rss_worker_mib (largest other process) / rss_all_mib (largest sum at one
        moment) and cpu_main_s / cpu_workers_s (all other processes); {} when not sampled."""
        if not self.available or not self.peak_kib:
            return {}
        others = [pid for pid in self.peak_kib if pid != self.root]
        return {"rss_main_mib": self.peak_kib.get(self.root, 0) / 1024,
                "rss_worker_mib": max((self.peak_kib[p] for p in others), default=0) / 1024,
                "rss_all_mib": self.peak_total_kib / 1024,
                "cpu_main_s": self.cpu_s.get(self.root, 0.0),
                "cpu_workers_s": sum(self.cpu_s[p] for p in others),
                "processes": self.max_processes}


def child_ingest(corpus: Path, workers: int, batch_size: int, parse_all: bool = False) -> dict:
    from loaders.ingest import ingest
    from loaders.settings import Settings

    store = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        settings = Settings(store_dir=store, workers=workers, batch_size=batch_size,
                            parse_candidates_only=not parse_all)
        with ProcessTreeSampler() as tree:
            t0 = time.perf_counter()
            report = ingest([corpus], settings, progress=False)
            seconds = time.perf_counter() - t0
        usage_self, usage_kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        rusage = {"cpu_main_s": usage_self.ru_utime + usage_self.ru_stime,
                  "cpu_workers_s": usage_kids.ru_utime + usage_kids.ru_stime, **_peak_rss_mib()}
        sampled = tree.figures()
        # the larger of the two readings: getrusage is exact for what it sees, the sampler sees everything
        figures = {k: max(rusage[k], sampled.get(k, 0.0)) for k in rusage}
        figures["rss_all_mib"] = sampled.get("rss_all_mib", float("nan"))  # only the sampler can sum at one moment
        return {"seconds": seconds, "articles": report.articles_added, "events": report.events_added,
                "load": os.getloadavg()[0], "errors": len(report.errors),
                "first_error": str(report.errors[0]) if report.errors else "", "workers": settings.n_workers,
                "processes": sampled.get("processes", 1), "sampled": bool(sampled), **figures}
    finally:
        shutil.rmtree(store, ignore_errors=True)


def _sample_articles(corpus: Path, sample: int):
    from loaders.ingest import expand_paths, read_file
    from loaders.settings import Settings

    settings = Settings()
    files, _ = expand_paths([corpus])
    out = []
    for f, label in files:
        arts, _ = read_file(str(f), settings, label)
        out.extend(arts)
        if len(out) >= sample:
            break
    return out[:sample]


def _published_of(corpus: Path, n: int, seed: int) -> list[dt.date]:
    return [a.published for a in generate_corpus.generate(n, seed)]


def child_baseline(corpus: Path, sample: int, seed: int) -> dict:
    """Naive baseline: dateparser's search_dates over each article's whole text."""
    from dateparser.search import search_dates

    articles = _sample_articles(corpus, sample)
    published = _published_of(corpus, len(articles), seed)
    search_dates("warm up on Monday", languages=["en"])
    found = 0
    t0 = time.perf_counter()
    for art, pub in zip(articles, published, strict=True):
        base = dt.datetime.combine(pub, dt.time())
        hits = search_dates(art.body, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        found += len(hits or [])
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "articles": len(articles), "dates_found": found, **_peak_rss_mib()}


def child_tagger(corpus: Path, sample: int, seed: int) -> dict:
    """Our temporal tagger alone on the same sample (like for like with the baseline)."""
    from loaders.timex import tag

    articles = _sample_articles(corpus, sample)
    published = _published_of(corpus, len(articles), seed)
    tag("warm up on Monday", published[0])
    found = 0
    t0 = time.perf_counter()
    for art, pub in zip(articles, published, strict=True):
        found += len(tag(art.body, pub))
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "articles": len(articles), "dates_found": found, **_peak_rss_mib()}


def child_profile(corpus: Path) -> dict:
    from pyinstrument import Profiler

    import loaders.store  # noqa: F401  (warm up: pandas/pyarrow/DuckDB load once per process, outside the profile)
    from loaders.ingest import ingest
    from loaders.pipeline import process_article
    from loaders.settings import Settings

    for art in _sample_articles(corpus, 3):  # warm up: rule tables and patterns load once per process
        process_article(art, Settings())
    store = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    profiler = Profiler(interval=0.001)
    profiler.start()
    report = ingest([corpus], Settings(store_dir=store, workers=1), progress=False)
    profiler.stop()
    shutil.rmtree(store, ignore_errors=True)
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=True), file=sys.stderr)
    return {"articles": report.articles_added}


def child_startup(corpus: Path, workers: int) -> dict:
    """Start-up, in a fresh process: the first article in-process (imports and every rule table
    compiled on first use), then a worker pool's first results: once with a cold fork server
    (it warms every table once), once more with the warm one (workers fork ready to work)."""
    t0 = time.perf_counter()
    from loaders.file_record import FileRecord
    from loaders.ingest import FileJob, Task, _Pool, read_file, run_task
    from loaders.pipeline import process_article
    from loaders.settings import Settings

    settings = Settings()
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    articles, _ = read_file(str(files[0]), settings, files[0].name)
    process_article(articles[0], settings)
    first_article = time.perf_counter() - t0
    job = FileJob(str(files[0]), FileRecord(str(files[0]), 0, 0.0, ""))
    pools = []
    for _ in range(2):
        t = time.perf_counter()
        pool = _Pool(workers)
        futures = [pool.submit(run_task, Task(owner=job, articles=(a,)), settings, None) for a in articles[:workers]]
        for f in futures:
            f.result()
        pools.append(time.perf_counter() - t)
        pool.close()
    return {"first_article_s": first_article, "pool_cold_s": pools[0], "pool_warm_s": pools[1], "workers": workers}


def _run_child(kind: str, **kwargs: object) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--child-args", json.dumps(kwargs, default=str)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{proc.stderr[-3000:]}")
    if kind == "profile":
        sys.stdout.write(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


MEMORY_HEADING = "### Memory (streaming ingest)"


def _write_memory_section(path: Path, n: int, r: dict, cores: int) -> None:
    """Replace the memory section of the figures snippet, keeping the throughput table above it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    text = text.split(MEMORY_HEADING)[0].rstrip()
    text += (f"\n\n{MEMORY_HEADING}\n\n`python benchmarks/ingest_bench.py --memory-check {n}` on "
             f"{dt.date.today():%Y-%m-%d}: {r['articles']:,} articles (JSONL files of 1,000) -> {r['events']:,} "
             f"events in {r['seconds']:.0f}s with {cores} workers ({r['articles'] / r['seconds']:.0f} articles/s, "
             f"load average {r['load']:.1f}); max RSS main process {r['rss_main_mib']:.0f} MiB, largest other "
             f"process (fork server or worker) {r['rss_worker_mib']:.0f} MiB, all {r['processes']} processes together "
             f"{r['rss_all_mib']:.0f} MiB at their peak.\n")
    path.write_text(text.lstrip(), encoding="utf-8")


# --- the driver --------------------------------------------------------------------------------
def _corpus(root: Path, n: int, seed: int, fmt: str = "raw", per_file: int = 100) -> tuple[Path, float]:
    out = root / f"{fmt}-{n}-{seed}"
    if not out.exists():
        generate_corpus.write_corpus(n, out, seed=seed, fmt=fmt, per_file=per_file)
    words = [len(a.text.split()) for a, _ in zip(generate_corpus.generate(min(n, 500), seed), range(500),
                                                  strict=False)]
    return out, sum(words) / max(len(words), 1)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Ingest throughput and memory vs a naive dateparser baseline.")
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--sample", type=int, default=200, help="articles for the (slow) dateparser baseline")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--quick", action="store_true", help="300 articles, sample 50")
    p.add_argument("--memory-check", type=int, metavar="N", help="only: max RSS of a streaming ingest of N articles")
    p.add_argument("--profile", type=int, metavar="N", help="only: pyinstrument profile of a 1-process ingest")
    p.add_argument("--startup", action="store_true",
                   help="only: start-up time (first article in one process; a worker pool's first results)")
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ct-bench",
                   help="where corpora are generated (kept between runs)")
    p.add_argument("--markdown", type=Path, help=f"write the figures snippet here (default {LATEST_MD.name} "
                                                 "for full runs)")
    p.add_argument("--child")
    p.add_argument("--child-args")
    args = p.parse_args(argv)

    if args.child:
        kw = json.loads(args.child_args)
        corpus = Path(kw.pop("corpus"))
        fn = {"ingest": child_ingest, "baseline": child_baseline, "tagger": child_tagger,
              "profile": child_profile, "startup": child_startup}[args.child]
        print(json.dumps(fn(corpus, **kw)))
        return 0

    args.workdir.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    if args.startup:
        corpus, _ = _corpus(args.workdir, 40, args.seed, per_file=20)
        r = _run_child("startup", corpus=corpus, workers=max(2, cores))
        print(f"start-up ({cores} cores): first article in a fresh process {r['first_article_s']:.2f}s; "
              f"pool of {r['workers']} workers, first results {r['pool_cold_s']:.2f}s (cold fork server), "
              f"{r['pool_warm_s']:.2f}s (warm: a later ingest in the same process)")
        return 0
    if args.profile:
        corpus, _ = _corpus(args.workdir, args.profile, args.seed)
        print(f"pyinstrument profile: 1-process ingest of {args.profile} articles")
        _run_child("profile", corpus=corpus)
        return 0
    if args.memory_check:
        n = args.memory_check
        corpus, words = _corpus(args.workdir, n, args.seed, fmt="jsonl", per_file=1000)
        print(f"memory check: streaming ingest of {n:,} articles ({words:.0f} words on average, JSONL files "
              f"of 1,000), {cores} workers")
        r = _run_child("ingest", corpus=corpus, workers=0, batch_size=500)
        print(f"  {r['articles']:,} articles, {r['events']:,} events in {r['seconds']:.0f}s "
              f"({r['articles'] / r['seconds']:.0f} articles/s); errors: {r['errors']}")
        print(f"  load average at the end: {r['load']:.1f} on {cores} cores")
        print(f"  max RSS: main process {r['rss_main_mib']:.0f} MiB, largest other process (fork server or worker) "
              f"{r['rss_worker_mib']:.0f} MiB, all {r['processes']} processes together {r['rss_all_mib']:.0f} MiB "
              f"(target: under 1024 MiB per process)")
        _write_memory_section(args.markdown or LATEST_MD, n, r, cores)
        return 0

    sizes = [300] if args.quick else args.sizes
    sample = 50 if args.quick else args.sample
    rows = []
    print(f"machine: {cores} cores, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} "
          "(other processes on the machine slow every figure below)")
    base_corpus, _ = _corpus(args.workdir, max(sample, 100), args.seed)
    baseline = _run_child("baseline", corpus=base_corpus, sample=sample, seed=args.seed)
    tagger = _run_child("tagger", corpus=base_corpus, sample=sample, seed=args.seed)
    base_rate = baseline["articles"] / baseline["seconds"]
    tag_rate = tagger["articles"] / tagger["seconds"]
    print(f"naive baseline (dateparser search_dates, languages=['en']) on a SAMPLE of {baseline['articles']} "
          f"articles: {base_rate:.1f} articles/s, {baseline['dates_found']} dates found")
    print(f"our temporal tagger alone (loaders.timex.tag) on the same sample: {tag_rate:.0f} articles/s, "
          f"{tagger['dates_found']} expressions ({tag_rate / base_rate:.0f}x the baseline)")
    for n in sizes:
        corpus, words = _corpus(args.workdir, n, args.seed)
        one = _run_child("ingest", corpus=corpus, workers=1, batch_size=500)
        allc = _run_child("ingest", corpus=corpus, workers=0, batch_size=500)
        every = _run_child("ingest", corpus=corpus, workers=1, batch_size=500, parse_all=True)
        for label, r in (("1 process", one), (f"all cores ({allc['workers']})", allc),
                         ("peer: parse every sentence, 1 process", every)):
            rate = r["articles"] / r["seconds"]
            rows.append((n, words, label, rate, r, rate / base_rate))
            per_cpu = r["articles"] / max(r["cpu_main_s"] + r["cpu_workers_s"], 1e-9)
            print(f"full pipeline, {n:,} articles (~{words:.0f} words), {label}: {rate:.1f} articles/s wall, "
                  f"{per_cpu:.1f} articles per CPU-second (the per-core figure; floor 15) "
                  f"({r['seconds']:.1f}s, {r['events']:,} events, {r['errors']} errors), "
                  f"peak RSS main {r['rss_main_mib']:.0f} MiB / largest other process {r['rss_worker_mib']:.0f} MiB"
                  f" / all {r['processes']} processes together {r['rss_all_mib']:.0f} MiB, "
                  f"{rate / base_rate:.1f}x the naive baseline; CPU main {r['cpu_main_s']:.1f}s / other processes "
                  f"{r['cpu_workers_s']:.1f}s; load average {r['load']:.1f} at the end")

    md_path = args.markdown or (None if args.quick else LATEST_MD)
    if md_path:
        lines = [
            f"Measured by `python benchmarks/ingest_bench.py` on {dt.date.today():%Y-%m-%d}, {cores} cores, "
            f"synthetic raw-layout articles (benchmarks/generate_corpus.py, seed {args.seed}); load average "
            f"{os.getloadavg()[0]:.1f} when it finished (a shared machine: other processes slow these figures).",
            "",
            "| articles | words/article | processes | articles/s (wall) | articles per CPU-second | seconds | "
            "peak RSS main / largest other / all together (MiB) | CPU main / other processes (s) | vs naive baseline |",
            "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for n, words, label, rate, r, x in rows:
            per_cpu = r["articles"] / max(r["cpu_main_s"] + r["cpu_workers_s"], 1e-9)
            lines.append(f"| {n:,} | {words:.0f} | {label} | {rate:.1f} | {per_cpu:.1f} | {r['seconds']:.1f} | "
                         f"{r['rss_main_mib']:.0f} / {r['rss_worker_mib']:.0f} / {r['rss_all_mib']:.0f} | "
                         f"{r['cpu_main_s']:.1f} / {r['cpu_workers_s']:.1f} | {x:.2f}x |")
        lines += [
            "",
            f"Naive baseline: `dateparser.search.search_dates` (languages=['en'], RELATIVE_BASE = publication date, "
            f"PREFER_DATES_FROM = past) on each article's text, measured on a sample of {baseline['articles']} "
            f"articles: {base_rate:.1f} articles/s. It only finds dates; the pipeline figures include reading, "
            "dating, event extraction, merging and writing the store.",
            f"Our temporal tagger alone on the same sample: {tag_rate:.0f} articles/s ({tag_rate / base_rate:.0f}x).",
        ]
        md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"figures written to {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the "not written language" check costs the readers, measured against the same readers
with the check switched off, in the same run (best of --repeat passes, CPU time).

    python benchmarks/read_bench.py --n 1000 --repeat 5

Prints articles/s and ms per article for both, the difference per article, and the share of a
whole-pipeline article (loaders.pipeline.process_article on a sample of the same articles) that
the check takes.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import generate_corpus  # noqa: E402

from loaders.read import language, raw_text, read_path  # noqa: E402
from loaders.settings import Settings  # noqa: E402


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        generate_corpus.write_corpus(args.n, corpus, seed=args.seed, fmt="raw", per_file=100)
        language.limits()  # compiled once per process, as in a worker
        n = len(read_path(corpus).articles)
        with_check = _best(lambda: read_path(corpus), args.repeat)
        real = raw_text.article_problem
        raw_text.article_problem = lambda title, paragraphs: None
        try:
            without = _best(lambda: read_path(corpus), args.repeat)
        finally:
            raw_text.article_problem = real
        from loaders.pipeline import process_article, warm_up

        warm_up()
        sample = read_path(corpus).articles[:100]
        settings = Settings()
        pipeline = _best(lambda: [process_article(a, settings, manifest=False) for a in sample], 1) / len(sample)
    per_article = (with_check - without) / n
    print(f"{n} articles (generated, seed {args.seed}), best of {args.repeat} passes, CPU time")
    print(f"  readers with the language check:    {n / with_check:8.0f} articles/s  {1000 * with_check / n:.3f} ms/article")
    print(f"  readers without it (same run):      {n / without:8.0f} articles/s  {1000 * without / n:.3f} ms/article")
    print(f"  the check: {1000 * per_article:.3f} ms per article = {100 * per_article / pipeline:.1f}% of the whole "
          f"pipeline's {1000 * pipeline:.1f} ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())

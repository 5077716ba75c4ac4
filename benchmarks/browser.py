"""Card browser search speed: `python benchmarks/browser.py [--runs N] [--keep DIR]`.

Target: a browser search <= 100 ms on 10,000 cards and 200,000 review-log rows (the
collection of bench.build_collection), measured through the service the browser screen
calls (services.browse.search: parse, count, the first page, snippets).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_SECONDS = 0.100
# a free-text word (every generated front starts "Question"), one deck, a topic prefix with a
# state, the leeches
QUERIES = ("question", "deck:bench3", "topic:transformer is:mature", "is:leech")


def bench_browser_search(home: Path, runs: int) -> list[float]:
    """Seconds per search: every query of QUERIES, `runs` times each (for bench.py's table;
    its median hides the slowest query, which main() reports one by one)."""
    return [t for times in bench_browser_queries(home, runs).values() for t in times]


def bench_browser_queries(home: Path, runs: int, queries: tuple[str, ...] = QUERIES) -> dict[str, list[float]]:
    """Seconds per search, per query, over `runs` rounds (queries interleaved, so machine
    noise hits them alike). The first round is timed too: it is what the learner waits for
    when the screen opens (snippets not yet cached)."""
    from flashdeck.services import browse
    from flashdeck.services.context import open_context

    ctx = open_context(home)
    timings: dict[str, list[float]] = {q: [] for q in queries}
    try:
        for _ in range(runs):
            for query in queries:
                start = time.perf_counter()
                result = browse.search(ctx, query)
                timings[query].append(time.perf_counter() - start)
                if result.error:
                    raise SystemExit(f"{query!r}: {result.error}")
    finally:
        ctx.close()
    return timings


def add_variety(home: Path) -> None:
    """Give the generated collection some mature cards and leeches (build_collection makes
    every scheduled card young, with no lapses), so those queries list rows, not nothing."""
    conn = sqlite3.connect(home / "flashdeck.sqlite3")
    conn.execute('UPDATE card_state SET "interval" = 40 WHERE card_id % 3 != 0 AND card_id % 4 = 0')
    conn.execute("UPDATE card_state SET lapses = 9, suspended = 1 WHERE card_id % 97 = 5")
    conn.commit()
    conn.close()


def main() -> int:
    from bench import build_collection

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="searches per query (median reported)")
    parser.add_argument("--keep", type=Path, help="build the collection here and keep it (reused if it exists)")
    parser.add_argument("--as-built", action="store_true", help="measure bench.build_collection's collection "
                        "as it is (no mature cards, no leeches: two of the queries find nothing)")
    args = parser.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="flashdeck-browser-"))
    failed = False
    try:
        if not (home / "flashdeck.sqlite3").exists():
            t0 = time.perf_counter()
            build_collection(home)
            if not args.as_built:
                add_variety(home)
            print(f"collection built in {home} in {time.perf_counter() - t0:.1f} s")
        from flashdeck.services import browse
        from flashdeck.services.context import open_context

        ctx = open_context(home)
        counts = {q: browse.search(ctx, q).total for q in QUERIES}
        ctx.close()
        browse.snippet.cache_clear()  # the first timed round draws its snippets from scratch
        timings = bench_browser_queries(home, args.runs)
        print(f"browser search, medians of {args.runs} runs (first run in brackets):")
        for query, times in timings.items():
            median = statistics.median(times)
            ok = median <= TARGET_SECONDS
            failed |= not ok
            print(f"{'PASS' if ok else 'FAIL'}  {query!r:<32} {median * 1000:7.1f} ms  "
                  f"[{times[0] * 1000:.1f} ms]  max {max(times) * 1000:.1f} ms  {counts[query]:>6,} matches  "
                  f"(target <= {TARGET_SECONDS * 1000:.0f} ms)")
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())

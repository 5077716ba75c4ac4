"""The statistics screen: seconds from pushing it to fully drawn (target <= 300 ms).

`python benchmarks/stats_screen.py [--runs N] [--home DIR]` builds the benchmark collection
(10,000 cards, 200,000 review-log rows; bench.build_collection) in a temporary home unless
given one, and prints the median. bench.py imports bench_stats_screen for its report.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SIZE = (110, 32)  # as bench_grading
SETTLE = 0.3  # seconds of idling before each run: the home screen's own refresh is over


def bench_stats_screen(home: Path, runs: int) -> list[float]:
    """Each run pushes a new StatsScreen over an idle home screen (as a learner's key does)
    and waits for its `drawn_at` (set after the refresh that puts the plots on screen), then
    pops it."""
    from flashdeck.services import decks
    from flashdeck.services.context import open_context
    from flashdeck.tui.app import FlashdeckApp
    from flashdeck.tui.screens.stats import StatsScreen

    ctx = open_context(home)
    decks.sync(ctx)
    timings: list[float] = []

    async def drive() -> None:
        app = FlashdeckApp(ctx)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for _ in range(runs):
                await asyncio.sleep(SETTLE)
                screen = StatsScreen()
                start = time.perf_counter()
                app.push_screen(screen)
                # polled every 20 ms (drawn_at itself is exact): a tighter loop would take
                # the GIL from the thread that reads the figures
                deadline = start + 30
                while screen.drawn_at is None:
                    if time.perf_counter() > deadline:
                        raise RuntimeError("the statistics screen was not drawn within 30 s")
                    await asyncio.sleep(0.02)
                timings.append(screen.drawn_at - start)
                app.pop_screen()
                await pilot.pause()

    try:
        asyncio.run(drive())
    finally:
        ctx.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--home", type=Path, help="an existing benchmark home (default: build one)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from bench import build_collection

    with tempfile.TemporaryDirectory(prefix="flashdeck-bench-") as tmp:
        home = args.home
        if home is None:
            home = Path(tmp) / "home"
            build_collection(home)
        times = bench_stats_screen(home, args.runs)
    median = statistics.median(times)
    print(f"stats screen: push -> fully drawn  median {median * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; {len(times)} runs; target <= 300 ms)")
    return 0 if median <= 0.300 else 1


if __name__ == "__main__":
    sys.exit(main())

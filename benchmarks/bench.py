"""flashdeck benchmarks: `python benchmarks/bench.py [--runs N] [--keep DIR] [--only start|stats|drills|memory]`.

Builds a collection of 10,000 cards and 200,000 review-log rows in a temporary home, then
reports medians for the targets of the project's issues:

  cold start of `flashdeck review` to the first card   <= 1.0 s and <= 2x a bare Textual app
  grading a card (commit + next card drawn)            <= 20 ms
  `flashdeck stats --json`                             <= 0.5 s
  the stats screen, pushed to fully drawn              <= 300 ms
  a card-browser search (four kinds of query)          <= 100 ms
  loading + validating all bundled decks               <= 0.3 s
  `flashdeck export anki` of every deck (bundled + the generated ones)  <= 5 s
  the TUI process never imports torch
  a drill check in the warm judge (softmax, attention, flash_attention with its
  memory-budgeted case, transformer_block, and the slowest of every drill)
                                                        <= 150 ms, beside a cold `import torch`
  `flashdeck drill check` from the shell               <= 1.5x a cold `import torch`

Each line says PASS or FAIL against its target; the exit code is 1 if any target failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pty
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CARDS = 10_000
LOG_ROWS = 200_000
HELLO = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world")

    def on_mount(self):
        self.set_timer(0.3, self.exit)

Hello().run()
"""


def flashdeck_command() -> list[str]:
    script = Path(sys.executable).with_name("flashdeck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "flashdeck"]


def build_collection(home: Path) -> None:
    """10 user decks of 1,000 cards, synced, then 200,000 review-log rows inserted in bulk."""
    decks = home / "decks"
    decks.mkdir(parents=True)
    per_deck = CARDS // 10
    for d in range(10):
        lines = [f"id: bench{d}", f"title: Benchmark deck {d}", "description: generated", "cards:"]
        for c in range(per_deck):
            lines += [f"  - id: c{c}", "    kind: concept", "    topics: [transformer.attention]",
                      "    front: " + json.dumps(f"Question {d}-{c}: why divide by $\\sqrt{{d_k}}$?"),
                      "    back: " + json.dumps(f"Answer {d}-{c}: it keeps $q \\cdot k$ at unit variance.")]
        (decks / f"bench{d}.yaml").write_text("\n".join(lines) + "\n")
    env = {**os.environ, "FLASHDECK_HOME": str(home)}
    subprocess.run([*flashdeck_command(), "decks", "list"], env=env, check=True, capture_output=True)

    import sqlite3

    rng = random.Random(7)
    today = date.today()
    conn = sqlite3.connect(home / "flashdeck.sqlite3")
    card_ids = [r[0] for r in conn.execute("SELECT id FROM cards WHERE deck_id LIKE 'bench%'")]
    if len(card_ids) != CARDS:  # a generator bug must not pass for a fast small collection
        raise SystemExit(f"expected {CARDS} generated cards in the database, found {len(card_ids)}")
    rows = []
    for i in range(LOG_ROWS):
        day = today - timedelta(days=rng.randrange(365))
        quality = rng.choice((1, 3, 4, 4, 5, 5))
        rows.append((rng.choice(card_ids), datetime.combine(day, datetime.min.time()) + timedelta(hours=9, seconds=i % 3600),
                     day, quality, rng.randrange(1000, 20000), "review", 2, 250, 6, day, False, 0, None, 3, 250, 15,
                     day + timedelta(15), False))
    conn.executemany(
        "INSERT INTO review_log (card_id, reviewed_at, study_day, quality, duration_ms, mode, reps_before, ease_before,"
        " interval_before, due_before, extra_before, lapses_before, introduced_before, reps_after, ease_after,"
        " interval_after, due_after, extra_after) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(r[0], r[1].isoformat(sep=" "), r[2].isoformat(), *r[3:9], r[9].isoformat(), *r[10:16], r[16].isoformat(), r[17]) for r in rows],
    )
    # make a realistic day: 300 cards due (some overdue), the rest scheduled ahead or new
    conn.execute("UPDATE card_state SET repetitions = 3, interval = 15, due = date('now', '+' || (card_id % 60) || ' days'), introduced_on = date('now', '-100 days') WHERE card_id % 3 != 0")
    conn.execute("UPDATE card_state SET due = date('now', '-' || (card_id % 5) || ' days') WHERE card_id % 33 = 1")
    conn.commit()
    conn.close()
    # the rows went in around the grading path: their FSRS memories (card_memory) are made as
    # migration 0005 makes them, so that readiness and the stats read a real collection
    bench_memory_replay(home, 1)


def run_in_pty(args: list[str], env: dict, pattern: str, timeout: float = 30) -> float:
    """Seconds from spawning a full-screen program in a real pseudo-terminal until `pattern`
    appears in what it wrote (ANSI codes stripped); the program then runs on to its exit."""
    import fcntl
    import re
    import select
    import struct
    import termios

    ansi = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 110, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    deadline = start + timeout
    raw, seen = b"", None
    needle = pattern.encode()
    while True:
        if time.perf_counter() > deadline:
            proc.kill()
            raise RuntimeError(f"{args} did not finish in {timeout} s")
        ready, _, _ = select.select([master], [], [], 0.01)
        if ready:
            try:
                raw += os.read(master, 65536)
            except OSError:  # the child closed the terminal: it is exiting
                break
            if seen is None and needle in ansi.sub(b"", raw):
                seen = time.perf_counter() - start
        elif proc.poll() is not None:
            break
    proc.wait(timeout=10)
    os.close(master)
    if proc.returncode != 0 or seen is None:
        raise RuntimeError(f"{args} exited with {proc.returncode}; {pattern!r} seen: {seen is not None}")
    return seen


def bench_cold_start(home: Path, runs: int) -> tuple[list[float], list[float], bool]:
    env = {**os.environ, "FLASHDECK_HOME": str(home), "TERM": "xterm-256color"}
    probe = home / "modules.txt"
    hello = home / "hello.py"
    hello.write_text(HELLO)
    env = {**env, "FLASHDECK_FIRST_CARD_PROBE": str(probe)}
    ours, bare = [], []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        bare.append(run_in_pty([sys.executable, str(hello)], env, "Hello, world"))
        # every generated card's front starts "Question"; the probe exits 0.3 s after drawing
        ours.append(run_in_pty([*flashdeck_command(), "review"], env, "Question"))
    modules = set(probe.read_text().split()[1:])
    return ours, bare, "torch" in modules


def bench_grading(home: Path, grades: int) -> list[float]:
    from flashdeck.services import decks
    from flashdeck.services.context import open_context
    from flashdeck.tui.app import FlashdeckApp

    ctx = open_context(home)
    decks.sync(ctx)
    timings: list[float] = []

    async def drive():
        app = FlashdeckApp(ctx, start="review")
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            for _ in range(grades):
                screen.action_reveal()
                await pilot.pause()
                # Timed to the screen refresh that draws the next card (call_after_refresh),
                # not to pilot.pause(), which adds ~20 ms of its own idle waiting.
                drawn = asyncio.Event()
                start = time.perf_counter()
                screen.action_grade(4)  # commit, then the next card drawn
                screen.call_after_refresh(lambda: (timings.append(time.perf_counter() - start), drawn.set()))
                await drawn.wait()
                await pilot.pause()

    asyncio.run(drive())
    ctx.close()
    return timings


def bench_stats(home: Path, runs: int) -> list[float]:
    env = {**os.environ, "FLASHDECK_HOME": str(home)}
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*flashdeck_command(), "stats", "--json"], env=env, check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def bench_deck_loading(runs: int) -> tuple[list[float], int]:
    from flashdeck import paths
    from flashdeck.services import decks

    out, files = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        files, problems = decks.validate([paths.bundled_decks_dir()])
        out.append(time.perf_counter() - start)
        if problems:
            raise RuntimeError(f"bundled decks have problems: {problems[:3]}")
    return out, files


def bench_cold_torch(runs: int) -> list[float]:
    """A cold `python -c "import torch"`: what a judge without a warm process pays first."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import torch"], check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def bench_warm_judge(drill_ids: list[str], runs: int, gap: float = 0.0) -> dict[str, list[float]]:
    """The drill screen's Ctrl+R: WarmJudge.check (torch already loaded in its process) of each
    drill's solution, from the call to the result in hand. Back to back by default; with `gap`,
    that many seconds pass between checks (a learner reading the result before the next key)."""
    from flashdeck.drills import WarmJudge, get_drill

    out: dict[str, list[float]] = {}
    with WarmJudge() as judge:
        for drill_id in drill_ids:
            source = get_drill(drill_id).solution_path.read_text()
            judge.check(drill_id, source)  # the first check of a drill warms its reference
            times = []
            for _ in range(runs):
                time.sleep(gap)
                start = time.perf_counter()
                result = judge.check(drill_id, source)
                times.append(time.perf_counter() - start)
                if not result.passed:
                    raise RuntimeError(f"{drill_id}: the solution failed in the warm judge")
            out[drill_id] = times
    return out


def bench_drill_check_cli(runs: int) -> list[float]:
    """`flashdeck drill check softmax solution.py` from the shell (a cold torch import inside)."""
    from flashdeck.drills import get_drill

    solution = str(get_drill("softmax").solution_path)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*flashdeck_command(), "drill", "check", "softmax", solution], check=True,
                       capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def bench_export(home: Path, runs: int, *extra: str) -> tuple[list[float], str]:
    """`flashdeck export anki` of every deck (bundled + generated), as a learner runs it."""
    env = {**os.environ, "FLASHDECK_HOME": str(home)}
    out, summary = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([*flashdeck_command(), "export", "anki", str(home / "bench.apkg"), *extra],
                              env=env, check=True, capture_output=True, text=True)
        out.append(time.perf_counter() - start)
        summary = done.stdout.strip().splitlines()[-1]
    return out, summary


WARM_DRILLS = ["softmax", "attention", "flash_attention", "transformer_block"]


def bench_drills(runs: int, report) -> None:
    """The drill lines: a cold torch import, the warm judge (the heaviest drills named, then the
    slowest of every drill), the shell."""
    from flashdeck.drills import list_drills

    torch_cold = statistics.median(bench_cold_torch(runs))
    report("cold python -c 'import torch'", torch_cold, "s", True, "(reference)")
    for drill_id, times in bench_warm_judge(WARM_DRILLS, max(10, runs * 2)).items():
        warm = statistics.median(times)
        report(f"warm judge check: {drill_id}", warm * 1000, "ms", warm <= 0.150,
               f"(target <= 150 ms; {warm / torch_cold:.0%} of a cold torch import; "
               f"min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f} ms)")
    for drill_id, times in bench_warm_judge(["softmax", "attention"], max(10, runs * 2), gap=1.0).items():
        warm = statistics.median(times)
        report(f"warm judge check: {drill_id}, 1 s apart", warm * 1000, "ms", warm <= 0.150,
               f"(target <= 150 ms; min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f} ms)")
    every = {d: statistics.median(t) for d, t in bench_warm_judge([d.id for d in list_drills()], 3).items()}
    slowest = sorted(every, key=every.get, reverse=True)[:3]
    report(f"warm judge check: slowest of all {len(every)} drills", every[slowest[0]] * 1000, "ms",
           every[slowest[0]] <= 0.150, "(target <= 150 ms; " + ", ".join(
               f"{d} {every[d] * 1000:.0f}" for d in slowest) + " ms)")
    cli = statistics.median(bench_drill_check_cli(runs))
    report("flashdeck drill check softmax (shell)", cli, "s", cli <= 1.5 * torch_cold,
           f"(target <= 1.5x cold torch import: {cli / torch_cold:.2f}x)")


def bench_statistics(home: Path, runs: int, report) -> None:
    """`flashdeck stats --json`, the stats screen (benchmarks/stats_screen.py) and browser
    searches (benchmarks/browser.py; some cards made mature and leeches first, so every query
    finds something)."""
    from browser import add_variety, bench_browser_queries
    from stats_screen import bench_stats_screen

    s = statistics.median(bench_stats(home, runs))
    report("flashdeck stats --json", s, "s", s <= 0.5, "(target <= 0.5 s)")
    drawn = bench_stats_screen(home, max(runs, 9))
    report("stats screen: pushed -> fully drawn", statistics.median(drawn) * 1000, "ms",
           statistics.median(drawn) <= 0.300, f"(target <= 300 ms; max {max(drawn) * 1000:.0f} ms)")
    add_variety(home)
    for query, times in bench_browser_queries(home, max(runs, 9)).items():
        m = statistics.median(times)
        report(f"browser search {query!r}", m * 1000, "ms", m <= 0.100,
               f"(target <= 100 ms; first {times[0] * 1000:.0f} ms)")


def bench_memory_replay(home: Path, runs: int) -> tuple[list[float], int]:
    """Every card's FSRS memory replayed from the whole review log and stored (store.memory.
    rebuild_all, what migration 0005 does once; issue 18): the generated log was inserted
    without its memories, so this also makes the collection's card_memory right."""
    from flashdeck.domain.memory import MemoryModel
    from flashdeck.services.context import open_context
    from flashdeck.store import memory as memory_store

    times, cards = [], 0
    ctx = open_context(home)
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            with ctx.db.write() as session:
                cards = memory_store.rebuild_all(session, MemoryModel())
            times.append(time.perf_counter() - t0)
    finally:
        ctx.close()
    return times, cards


def bench_readiness(home: Path, runs: int) -> tuple[list[float], int]:
    """Readiness of every card for a date a month away (services.readiness.report)."""
    from flashdeck.services import readiness
    from flashdeck.services.context import open_context
    from flashdeck.services.settings import set_setting

    set_setting(home / "config.toml", "study", "interview_date", date.today() + timedelta(days=30))
    ctx = open_context(home)
    times, cards = [], 0
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            cards = readiness.report(ctx).cards
            times.append(time.perf_counter() - t0)
    finally:
        ctx.close()
        set_setting(home / "config.toml", "study", "interview_date", None)
    return times, cards


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="repetitions per measurement (median reported)")
    parser.add_argument("--keep", type=Path, help="build the collection here and keep it")
    parser.add_argument("--only", choices=("all", "start", "stats", "drills", "memory"), default="all",
                        help="'start': only the cold start (and the hello-world reference); "
                             "'stats': only stats --json, the stats screen and browser searches; "
                             "'drills': only the cold torch import, the warm judge and the shell check; "
                             "'memory': only the FSRS replay of the review log and readiness")
    args = parser.parse_args()

    home = args.keep or Path(tempfile.mkdtemp(prefix="flashdeck-bench-"))
    # Byte-compile flashdeck as installing a wheel does: an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on every start.
    import compileall

    import flashdeck

    compileall.compile_dir(Path(flashdeck.__file__).parent, quiet=1)
    failed = False

    def report(label: str, value: float, unit: str, ok: bool, note: str = "") -> None:
        nonlocal failed
        failed |= not ok
        print(f"{'PASS' if ok else 'FAIL'}  {label:<44} {value:8.3f} {unit}  {note}")

    try:
        if args.only == "drills":
            print(f"drill benchmarks only; medians of {args.runs} runs; "
                  f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
            bench_drills(args.runs, report)
            return 1 if failed else 0
        t0 = time.perf_counter()
        build_collection(home)
        print(f"collection: {CARDS:,} cards, {LOG_ROWS:,} review-log rows in {home} "
              f"(built in {time.perf_counter() - t0:.1f} s); medians of {args.runs} runs\n")
        if args.only == "stats":
            bench_statistics(home, args.runs, report)
            return 1 if failed else 0
        replay, cards = bench_memory_replay(home, min(args.runs, 3))
        report(f"memory: replay {LOG_ROWS:,} log rows, store {cards:,}", statistics.median(replay), "s",
               statistics.median(replay) <= 5.0, "(target <= 5 s)")
        ready, cards = bench_readiness(home, args.runs)
        report(f"readiness of {cards:,} cards for a date", statistics.median(ready) * 1000, "ms",
               statistics.median(ready) <= 0.100, "(target <= 100 ms)")
        if args.only == "memory":
            return 1 if failed else 0
        ours, bare, torch_loaded = bench_cold_start(home, args.runs)
        m_ours, m_bare = statistics.median(ours), statistics.median(bare)
        report("cold start: flashdeck review -> first card", m_ours, "s", m_ours <= 1.0, "(target <= 1.0 s)")
        report("cold start: bare Textual hello-world", m_bare, "s", True, "(reference)")
        report("cold start ratio flashdeck / hello-world", m_ours / m_bare, "x", m_ours <= 2 * m_bare, "(target <= 2x)")
        report("TUI process imported torch", float(torch_loaded), "", not torch_loaded, "(0 = no; target: no)")
        if args.only == "start":
            return 1 if failed else 0
        grading = bench_grading(home, max(30, args.runs * 5))
        report("grade: commit + next card drawn", statistics.median(grading) * 1000, "ms",
               statistics.median(grading) <= 0.020, f"(target <= 20 ms; p90 {sorted(grading)[int(len(grading) * 0.9)] * 1000:.1f} ms)")
        bench_statistics(home, args.runs, report)
        loading, files = bench_deck_loading(args.runs)
        report(f"load + validate bundled decks ({files} files)", statistics.median(loading), "s",
               statistics.median(loading) <= 0.3, "(target <= 0.3 s)")
        for extra in ((), ("--include-progress",)):
            times, summary = bench_export(home, min(args.runs, 3), *extra)
            notes = summary.split(": ", 1)[-1].rstrip(".")
            report(f"export anki {' '.join(extra) or '(content only)'}", statistics.median(times), "s",
                   statistics.median(times) <= 5.0, f"(target <= 5 s; {notes})")
        bench_drills(args.runs, report)
        print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The statistics as plain-text tables (the --json figures, for people): `flashdeck stats`
prints them, and the statistics screen shares their wording (durations, rates, the --all hint)."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

from flashdeck import paths
from flashdeck.domain.card_state import STATES
from flashdeck.domain.calibration import MIN_REVIEWS, CalibrationFigures
from flashdeck.domain.stats import DayCount, DrillFigures, MockFigures, StatsFigures
from flashdeck.services import readiness

TOPIC_ROWS = 12
DAY_ROWS = 10
MOCK_ROWS = 10
ALL_COMMAND = "flashdeck stats --all"  # named under every list cut short, and by the stats screen


def all_command(home: Path | None = None) -> str:
    """The command that lists every row, for a learner whose data is in `home` (named with
    --home unless it is the home flashdeck finds by itself)."""
    if home is None:
        return ALL_COMMAND
    try:
        default = Path(home).expanduser().resolve() == paths.home_dir().expanduser().resolve()
    except OSError:
        default = False
    return ALL_COMMAND if default else f"flashdeck --home {shlex.quote(str(home))} stats --all"


def more_line(hidden: int, command: str = ALL_COMMAND) -> list[str]:
    """The line under a list cut short: how many rows it leaves out and the command that shows them."""
    return [f"{hidden} more: {command}"] if hidden > 0 else []


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    """Columns sized to fit; `align` is one 'l' or 'r' per column (numbers right)."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, align)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def percent(rate) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


def _day(day: date) -> str:
    return f"{day:%a %d %b}"


def render(f: StatsFigures, full: bool = False) -> str:
    """`full`: every row of every list (topics, days studied, mock interviews), none cut short."""
    today = f.today
    out = [
        f"Study day {f.study_day.isoformat()}",
        "",
        table(["Today", ""], [
            ["Due today", f.due_today],
            ["New available", f.new_available],
            ["Reviews today", f"{today.reviews} ({today.cards} cards, {duration(today.seconds)})"],
            ["Streak", f"{f.streak_days} day{'s' if f.streak_days != 1 else ''}"],
            ["Cards", f.cards_total],
            ["Suspended", f.suspended],
            ["Leeches", f"{f.leeches} (lapsed {f.leech_threshold}+ times)" if f.leech_threshold else "off"],
            ["Reviews (all time)", f.reviews_total],
        ], "lr"),
    ]
    r = f.retention
    out += ["", f"Retention (last {r.window_days} days, mature cards: interval >= {r.min_interval} days, "
                f"graded >= 3): {percent(r.rate)} of {r.reviews} review(s)"]

    heading = ("Readiness for the interview on " + _day(f.readiness.interview)
               if f.readiness.interview else "Readiness") + " (FSRS's predicted recall)"
    out += ["", heading, *readiness.lines(f.readiness)]
    out += ["", *calibration_lines(f.calibration)]

    decks = [d.by_state() for d in f.cards_by_state]
    out += ["", "Cards by state", table(
        ["Deck", *[s.capitalize() for s in STATES], "Total"],
        [[d.title, *[counts[s] for s in STATES], d.total] for d, counts in zip(f.cards_by_state, decks)]
        + [["All decks", *[sum(counts[s] for counts in decks) for s in STATES], f.cards_total]])]

    forecast = f.due_forecast
    weeks = [forecast[i:i + 7] for i in range(0, len(forecast), 7)]
    out += ["", "Due forecast (overdue counted today)", table(
        ["From", "To", "Due", "Busiest day"],
        [[_day(w[0].date), _day(w[-1].date), sum(d.due for d in w), max(d.due for d in w)] for w in weeks])]

    days = [d for d in f.reviews_per_day if d.reviews]
    total_reviews = sum(d.reviews for d in f.reviews_per_day)
    total_time = sum(d.seconds for d in f.reviews_per_day)
    out += ["", f"Reviews per day (last 30 days: {total_reviews} reviews, {duration(total_time)}, "
                f"{len(days)} day(s) studied)"]
    if days:
        shown_days = days if full else days[-DAY_ROWS:]
        out.append(table(["Day", "Reviews", "Time"], [[_day(d.date), d.reviews, duration(d.seconds)]
                                                      for d in shown_days]))
        out += more_line(len(days) - len(shown_days))

    topics = f.topics
    if topics:
        shown = topics if full else topics[:TOPIC_ROWS]
        out += ["", f"Topic mastery, weakest first ({len(shown)} of {len(topics)})", table(
            ["Topic", "Mastery", "Cards", "New", "Mature", "Pass rate 30d"],
            [[t.topic, percent(t.mastery), t.cards, t.new, t.mature, percent(t.pass_rate_30d)] for t in shown])]
        out += more_line(len(topics) - len(shown))
    out += _year_lines(f.reviews_last_year) + _drill_lines(f.drills) + _mock_lines(f.mock_trend, full)
    return "\n".join(out)


def calibration_lines(c: CalibrationFigures) -> list[str]:
    """Is the memory model right for this learner? Each review predicted from those before it."""
    if not c.enough:
        return [f"Calibration: {c.reviews} of the {MIN_REVIEWS} predicted reviews it needs (a card's second "
                "review on a later day onwards)."]
    out = [f"Calibration over {c.reviews} reviews, each predicted from those before it: log loss FSRS "
           f"{c.fsrs_log_loss:.3f}, SM-2 {c.sm2_log_loss:.3f} (lower is better)",
           table(["FSRS predicted", "Reviews", "Mean predicted", "Recalled"],
                 [[f"{b.low:.0%}-{b.high:.0%}", b.reviews, percent(b.predicted), percent(b.actual)]
                  for b in c.fsrs_bins if b.reviews], "lrrr")]
    return out


def _year_lines(year: tuple[DayCount, ...]) -> list[str]:
    """The heatmap's figures as per-month totals (the TUI draws the calendar itself)."""
    total = sum(d.reviews for d in year)
    studied = [d for d in year if d.reviews]
    head = f"Reviews in the last year ({len(year)} days): {total} reviews on {len(studied)} day(s)"
    if not studied:
        return ["", head]
    busiest = max(studied, key=lambda d: d.reviews)
    months: dict[date, list[int]] = {}  # the month's first day -> [reviews, days studied]
    for d in year:
        tally = months.setdefault(d.date.replace(day=1), [0, 0])
        tally[0] += d.reviews
        tally[1] += bool(d.reviews)
    return ["", f"{head}; busiest {_day(busiest.date)} ({busiest.reviews})", table(
        ["Month", "Reviews", "Days studied"], [[f"{m:%b %Y}", r, n] for m, (r, n) in months.items()])]


def _drill_lines(drills: tuple[DrillFigures, ...]) -> list[str]:
    if not drills:
        return ["", "Coding drills: no attempts yet"]
    return ["", "Coding drills, lowest pass rate first", table(
        ["Drill", "Finished", "Passed", "Gave up", "Pass rate", "Last attempt"],
        [[d.drill, d.attempts, d.passed, d.gave_up, percent(d.pass_rate),
          _day(d.last_attempt) if d.last_attempt else "-"] for d in drills])]


def _mock_lines(mocks: tuple[MockFigures, ...], full: bool = False) -> list[str]:
    if not mocks:
        return ["", "Mock interviews: none finished yet"]
    shown = mocks if full else mocks[-MOCK_ROWS:]
    head = f"Mock interviews, oldest first ({len(shown)} of {len(mocks)} finished)"
    if len(mocks) > 1:
        change = mocks[-1].score - mocks[-2].score
        head += f"; the last scored {change:+.1f} points against the one before"
    return ["", head, table(["Date", "Minutes", "Questions", "Score"],
                            [[_day(m.date), m.minutes, m.questions, f"{m.score:.1f}%"] for m in shown])] \
        + more_line(len(mocks) - len(shown))

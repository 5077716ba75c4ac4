"""Statistics: the figures of `flashdeck stats`, drawn as plots in the terminal.

The figures are read in a thread (a few hundred milliseconds on a big collection) so that
the screen answers keys at once; the plots are drawn for the width the screen has and drawn
again when it changes or the theme switches between dark and light.
"""

from __future__ import annotations

import textwrap
import time
from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from flashdeck.domain.calibration import MIN_REVIEWS
from flashdeck.domain.stats import StatsFigures
from flashdeck.services import readiness, stats
from flashdeck.services.stats_text import ALL_COMMAND, all_command, duration, percent
from flashdeck.tui.keymap import key_of
from flashdeck.tui.widgets import plots

TOPIC_ROWS = 15
LOADING = "Loading statistics…"
# (id, title): the sections, top to bottom
SECTIONS = (
    ("readiness", "Predicted recall (FSRS) by day"),
    ("calibration", "Is the model right for you? Predicted vs recalled"),
    ("heatmap", "Reviews in the last year"),
    ("forecast", "Due in the next 30 days"),
    ("reviews", "Reviews per day, last 30 days"),
    ("minutes", "Minutes per day, last 30 days"),
    ("states", "Cards by state per deck"),
    ("topics", "Topic mastery, weakest first"),
    ("drills", "Coding drills: pass rate"),
    ("mocks", "Mock interview scores"),
)


class StatsBody(VerticalScroll):
    """The scrolling part; tells the screen when its width changes (Resize does not bubble)."""

    def on_resize(self, event: Resize) -> None:
        screen = self.screen
        if isinstance(screen, StatsScreen):
            screen.redraw_if_resized()


class StatsScreen(Screen):
    BINDINGS = [
        Binding("q", "leave", "Back", id="stats.leave"),
        Binding("escape", "leave", "Back", show=False, id="stats.leave_escape"),
        Binding("r", "refresh", "Refresh", id="stats.refresh"),
    ]

    # One Static per section (title, plot and note in one Text): fewer widgets to mount,
    # style and lay out than three per section.
    DEFAULT_CSS = """
    StatsScreen #stats-body {
        padding: 0 1;
        overflow-y: scroll;  /* the scrollbar's cells never come and go: the plots' width holds */
    }
    StatsScreen #stats-loading {
        margin: 1 0 0 0;
        color: $text-muted;
    }
    StatsScreen #stats-headline {
        margin: 1 0 0 0;
        padding: 0 1;
        background: $boost;
    }
    StatsScreen .stats-section {
        margin: 1 0 0 0;
        text-wrap: nowrap;  /* drawn to fit, notes wrapped here: Textual's wrapping is skipped */
        text-overflow: clip;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.figures: StatsFigures | None = None
        self.drawn_at: float | None = None  # perf_counter() once the plots are on screen
        self._drawn_for: tuple[int, bool] | None = None  # (width, dark) of the last drawing

    def compose(self) -> ComposeResult:
        yield Header()
        with StatsBody(id="stats-body"):
            yield Static(LOADING, id="stats-loading")
            # mounted empty now, filled when the figures are in: the styling and layout work
            # of mounting happens while the figures are still being read in the thread
            yield Static(id="stats-headline")
            for name, _ in SECTIONS:
                yield Static(id=f"stats-{name}", classes="stats-section")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self.redraw_if_resized, init=False)
        self.load()

    # -- reading -------------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, exclusive=True, group="stats")
    def load(self) -> None:
        try:
            figures = stats.screen_figures(self.app.ctx)
        except Exception as exc:  # noqa: BLE001 - shown on the screen, the app goes on
            self._from_thread(self.failed, str(exc))
            return
        self._from_thread(self.show, figures)

    def _from_thread(self, callback, *args) -> None:
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:  # the app ended while the figures were being read
            pass

    def failed(self, message: str) -> None:
        if self.is_attached:
            self.query_one("#stats-loading", Static).update(Text(f"Could not read the statistics: {message}"))

    def show(self, figures: StatsFigures) -> None:
        if not self.is_attached:
            return  # left before the figures arrived
        self.figures = figures
        self.query_one("#stats-loading").display = False
        self.draw()

    def action_refresh(self) -> None:
        loading = self.query_one("#stats-loading", Static)
        loading.update(LOADING)
        loading.display = True
        self.load()

    def action_leave(self) -> None:
        self.app.pop_screen()

    # -- drawing -------------------------------------------------------------------------

    @property
    def plot_width(self) -> int:
        width = self.query_one(StatsBody).scrollable_content_region.width
        return width if width > 0 else max(20, self.app.size.width - 4)

    @property
    def dark(self) -> bool:
        theme = getattr(self.app, "current_theme", None)
        return theme is None or theme.dark

    def redraw_if_resized(self) -> None:
        if self.figures is not None and self._drawn_for != (self.plot_width, self.dark):
            self.draw()

    def draw(self) -> None:
        f = self.figures
        if f is None:
            return
        width, dark = self.plot_width, self.dark
        self._drawn_for = (width, dark)
        colours = plots.palette(dark)
        self.query_one("#stats-headline", Static).update(headline(f))
        drawn = {
            "readiness": readiness_section(f, width, colours),
            "calibration": calibration_section(f, width, dark),
            "heatmap": heatmap_section(f, width, dark),
            "forecast": forecast_section(f, width, colours),
            "reviews": reviews_section(f, width, colours),
            "minutes": minutes_section(f, width, colours),
            "states": states_section(f, width, dark),
            "topics": topics_section(f, width, dark, all_command(getattr(self.app, "home", None))),
            "drills": drills_section(f, width, dark, key_of(self.app, "home.drills", "d")),
            "mocks": mocks_section(f, width, colours, key_of(self.app, "home.mock", "m")),
        }
        for name, title in SECTIONS:
            plot, note = drawn[name]
            section = self.query_one(f"#stats-{name}", Static)
            section.display = bool(plot.plain or note.plain)
            section.update(_section(title, plot, note, colours, width))
        self.call_after_refresh(self._drawn)

    def _drawn(self) -> None:
        self.drawn_at = time.perf_counter()


def _section(title: str, plot: Text, note: Text, colours: plots.Palette, width: int) -> Text:
    """The title, the plot (drawn to fit `width`) and the note, wrapped to it."""
    out = Text(plots.fit(title, width), style=f"bold {colours.title}")
    if plot.plain:
        out.append("\n")
        out.append_text(plot)
    if note.plain:
        out.append("\n")
        out.append("\n".join(textwrap.wrap(note.plain, max(width, 10))), style="dim")
    return out


# -- the sections: (plot, note), either may be empty --------------------------------------------

def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _day(day: date) -> str:
    return f"{day:%a %d %b}"


def _short_day(day: date) -> str:
    return f"{day:%d %b}"


def headline(f: StatsFigures) -> Text:
    today, r = f.today, f.retention
    out = Text()
    out.append("Today ", style="bold")
    out.append(f"{_plural(today.reviews, 'review')} of {_plural(today.cards, 'card')} in {duration(today.seconds)}")
    out.append("  ·  ")
    out.append("Streak ", style="bold")
    out.append(_plural(f.streak_days, "day"))
    out.append("  ·  ")
    out.append("Retention ", style="bold")
    if r.rate is None:
        out.append(f"— (no mature reviews in the last {r.window_days} days)")
    else:
        out.append(f"{percent(r.rate)} of {_plural(r.reviews, 'mature review')} "
                   f"(interval ≥ {r.min_interval} d, graded ≥ 3, last {r.window_days} days)")
    out.append("  ·  ")
    out.append("Due ", style="bold")
    out.append(f"{f.due_today:,} today, {f.new_available:,} new")
    return out


def heatmap_section(f: StatsFigures, width: int, dark: bool) -> tuple[Text, Text]:
    year = f.reviews_last_year
    total = sum(d.reviews for d in year)
    if not total:
        return Text(""), Text("No reviews yet: every day you study fills in a square here.")
    studied = sum(1 for d in year if d.reviews)
    plot = plots.heatmap([d.reviews for d in year], year[-1].date, width, dark=dark)
    return plot, Text(f"{_plural(total, 'review')} on {_plural(studied, 'day')} in the last {len(year)} days")


def forecast_section(f: StatsFigures, width: int, colours: plots.Palette) -> tuple[Text, Text]:
    forecast = f.due_forecast
    total = sum(d.due for d in forecast)
    if not total:
        return Text(""), Text(f"Nothing due in the next {len(forecast)} days.")
    plot = plots.columns([d.due for d in forecast], [_short_day(d.date) for d in forecast], width,
                         colour=colours.forecast)
    busiest = max(forecast, key=lambda d: d.due)
    return plot, Text(f"{total:,} due in {len(forecast)} days ({forecast[0].due:,} today, overdue included); "
                      f"busiest {_day(busiest.date)} with {busiest.due:,}")


def reviews_section(f: StatsFigures, width: int, colours: plots.Palette) -> tuple[Text, Text]:
    days = f.reviews_per_day
    total = sum(d.reviews for d in days)
    if not total:
        return Text(""), Text(f"No reviews in the last {len(days)} days.")
    plot = plots.columns([d.reviews for d in days], [_short_day(d.date) for d in days], width,
                         colour=colours.reviews)
    studied = sum(1 for d in days if d.reviews)
    return plot, Text(f"{_plural(total, 'review')} on {_plural(studied, 'day')}, "
                      f"{total / len(days):.0f} a day on average")


def minutes_section(f: StatsFigures, width: int, colours: plots.Palette) -> tuple[Text, Text]:
    days = f.reviews_per_day
    seconds = sum(d.seconds for d in days)
    if not seconds:
        return Text(""), Text("")
    plot = plots.columns([d.seconds / 60 for d in days], [_short_day(d.date) for d in days], width,
                         colour=colours.minutes, height=4, fmt=lambda v: f"{v:.0f}m")
    return plot, Text(f"{duration(seconds)} in all")


def states_section(f: StatsFigures, width: int, dark: bool) -> tuple[Text, Text]:
    decks = [d for d in f.cards_by_state if d.total]
    if not decks:
        return Text(""), Text("No cards yet: add YAML decks to your decks folder.")
    return plots.stacked_bars([(d.title, d.by_state()) for d in decks], width, dark=dark), Text("")


def readiness_section(f: StatsFigures, width: int, colours: plots.Palette) -> tuple[Text, Text]:
    """Predicted recall by day up to the interview (without a date: the next week), of the
    cards started, with no review in between: what you would keep if you stopped now."""
    r = f.readiness
    if not r.reviewed:
        when = "" if r.interview is None else f" for your interview on {_day(r.interview)}"
        return Text(""), Text(f"Nothing reviewed yet: readiness{when} is predicted once you have graded cards.")
    plot = plots.columns([100 * (q or 0) for _, _, q in r.curve], [_short_day(d) for d, _, _ in r.curve], width,
                         colour=colours.score, height=5, top=100, fmt=lambda v: f"{v:.0f}%")
    note = readiness.headline(r) + " The bars: the cards started, with no more review."
    if r.at_risk:
        note += " Most at risk: " + ", ".join(f"{key} {p:.0%}" for key, p in r.at_risk[:3]) + "."
    if r.interview is None:
        note += " `flashdeck interview set YYYY-MM-DD` plans for your interview day."
    return plot, Text(note)


def calibration_section(f: StatsFigures, width: int, dark: bool) -> tuple[Text, Text]:
    """FSRS's predictions in tenths against the share recalled, once there are enough."""
    c = f.calibration
    if not c.enough:
        return Text(""), Text(f"Shown from {MIN_REVIEWS} predicted reviews (a card's second review on a later "
                              f"day onwards); {c.reviews} so far.")
    rows = [(f"{b.low:.0%}-{b.high:.0%}", b.actual, f"recalled {percent(b.actual)} of {b.reviews}")
            for b in c.fsrs_bins if b.reviews]
    note = (f"Rows: what FSRS predicted; bars: how often you recalled. Log loss over {c.reviews} reviews "
            f"(lower is better): FSRS {c.fsrs_log_loss:.3f}, SM-2 {c.sm2_log_loss:.3f}.")
    return plots.hbars(rows, width, dark=dark), Text(note)


def topics_section(f: StatsFigures, width: int, dark: bool, command: str = ALL_COMMAND) -> tuple[Text, Text]:
    """`command`: the one that lists every topic (`flashdeck stats --all`, with --home if need be)."""
    topics = f.topics
    if not topics:
        return Text(""), Text("No topics yet.")
    rows = []
    for t in topics[:TOPIC_ROWS]:
        passed = "" if t.pass_rate_30d is None else f", {percent(t.pass_rate_30d)} passed"
        rows.append((t.topic, t.mastery, f"{percent(t.mastery)} · {_plural(t.cards, 'card')}{passed}"))
    more = len(topics) - len(rows)
    note = (f"… and {more} more: `{command}` lists them all. " if more > 0 else "") + \
        "Mastery: each card's interval (capped at 21 days) over 21 days, averaged over the topic's " \
        "cards not suspended."
    return plots.hbars(rows, width, dark=dark), Text(note)


def drills_section(f: StatsFigures, width: int, dark: bool, key: str = "d") -> tuple[Text, Text]:
    """`key`: the home screen's key for the coding drills (the learner may have rebound it)."""
    drills = f.drills
    if not drills:
        return Text(""), Text(f"No drill attempts yet: press {key} on the home screen.")
    rows = []
    for d in drills:
        last = f", last {_short_day(d.last_attempt)}" if d.last_attempt else ""
        rate = "none finished" if d.pass_rate is None else f"{percent(d.pass_rate)} of {d.attempts}"
        rows.append((d.drill, d.pass_rate, f"{rate}{last}"))
    return plots.hbars(rows, width, dark=dark), Text("")


def mocks_section(f: StatsFigures, width: int, colours: plots.Palette, key: str = "m") -> tuple[Text, Text]:
    """`key`: the home screen's key for a mock interview (the learner may have rebound it)."""
    mocks = f.mock_trend
    if not mocks:
        return Text(""), Text(f"No mock interviews yet — press {key} on the home screen to take one.")
    scores = [m.score for m in mocks]
    plot = plots.columns(scores, [_short_day(m.date) for m in mocks], width, colour=colours.score,
                         height=5, top=100, fmt=lambda v: f"{v:.0f}%")
    note = f"Last {scores[-1]:.1f}%"
    if len(scores) > 1:
        note += (f" ({scores[-1] - scores[-2]:+.1f} on the one before) · best {max(scores):.1f}% · "
                 f"mean {sum(scores) / len(scores):.1f}% over {len(scores)} mocks")
    return plot, Text(note)

"""Home: the decks with what is due today, and the way into a review.

A quick `flashdeck` (services.quickstart) draws the counts it read with sqlite3 (app.quick,
app.ctx None), then opens the Context in a thread; a place asked for meanwhile opens once it
is open (app.when_open). Otherwise the counts are read through the open Context.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from flashdeck.domain.interview import days_left, days_left_text
from flashdeck.tui.actions import bindings, default_key
from flashdeck.tui.keymap import key_of
from flashdeck.tui.places import Place

if TYPE_CHECKING:
    from flashdeck.domain.cards import DeckSummary
    from flashdeck.domain.stats import Json
    from flashdeck.services.settings import Settings


class HomeScreen(Screen):
    BINDINGS = bindings("HomeScreen")
    _probed = False  # the first draw was reported to the probe (FLASHDECK_FIRST_CARD_PROBE)
    _opening = False  # a quick start's Context is being opened
    HINTS = [  # (binding id, what it does): the hint line shows the keys in effect
        ("home.review_deck", "review the highlighted deck (or Enter)"), ("home.review_all", "review all"),
        ("home.cram", "study or cram topics"), ("home.drills", "coding drills"),
        ("home.mock", "mock interview"), ("home.stats", "statistics"), ("home.browse", "browse cards"),
        ("home.export", "export to Anki"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="today")
            table = DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            table.add_column("Deck", key="title")
            table.add_column("Due", key="due")
            table.add_column("New", key="new")
            table.add_column("Cards", key="cards")
            yield table
            yield Static(id="problems")
            yield Static(id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def _hint_text(self) -> str:
        parts = [f"[b]{key_of(self.app, binding_id, default_key(binding_id))}[/b] {what}"
                 for binding_id, what in self.HINTS]
        return " · ".join(parts) + " · [b]ctrl+p[/b] every command"

    def action_place(self, name: str) -> None:
        self.app.go(name)

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        ctx = self.app.ctx
        if ctx is None:  # a quick start: the counts it read, until the Context is open
            quick = self.app.quick
            self._show(quick.decks, quick.figures, quick.today)
            if not self._opening:
                self._opening = True
                self.call_after_refresh(self._open_context)  # once they are on screen
            return
        from flashdeck.services import decks as deck_service  # SQLAlchemy: after a quick start's first draw
        from flashdeck.services import stats as stats_service  # (as above)

        self._show(deck_service.summaries(ctx), stats_service.summary(ctx, detail=False), ctx.today())

    @work(thread=True, exit_on_error=False, group="open")
    def _open_context(self) -> None:
        """The quick start's second half: the Context (SQLAlchemy import, deck sync) and the
        counts read through it, in a thread so that the home on screen already answers keys."""
        try:
            ctx, report = self.app.opener()
        except Exception as exc:  # noqa: BLE001 - the learner sees it, the app ends
            self.app.call_from_thread(self.app.exit, None, 1, f"flashdeck: {exc}")
            return
        try:
            from flashdeck.services import decks as deck_service  # SQLAlchemy, in this thread: after the first draw
            from flashdeck.services import stats as stats_service  # (as above)

            try:
                counts = deck_service.summaries(ctx), stats_service.summary(ctx, detail=False), ctx.today()
            except Exception:  # noqa: BLE001 - read again on the app's thread, whose errors the app handles
                counts = None
            self.app.call_from_thread(self._context_opened, ctx, report, counts)
        except BaseException:
            ctx.close()  # the app ended first (or the counts could not be read)
            raise

    def _context_opened(self, ctx, report, counts) -> None:
        self.app.context_opened(ctx, report)  # (what was asked for meanwhile opens over this screen)
        if counts is None:
            self.refresh_counts()
        else:
            self._show(*counts)

    def _show(self, summaries: list[DeckSummary], figures: Json, today: date) -> None:
        self.query_one("#hint", Static).update(self._hint_text())
        self._summaries = summaries
        self._fill_table()
        streak = figures["streak_days"]
        settings = self.app.ctx.settings if self.app.ctx is not None else self.app.settings
        self.query_one("#today", Static).update(
            f"[b]Today[/b]  {figures['due_today']} due · {figures['new_available']} new · "
            f"[b]{figures['reviews_today']}[/b] reviewed today · "
            f"streak [b]{streak}[/b] day{'' if streak == 1 else 's'} · "
            f"{figures['cards_total']} cards in {len(summaries)} decks" + _interview_line(settings, today)
        )
        self._show_problems()
        if self.app.first_card_probe and not self._probed and self.app.start.place is Place.HOME:
            self._probed = True  # benchmark/test hook: the home is drawn (the modules imported by then)
            self.call_after_refresh(self.app.first_card_shown)

    def _show_problems(self) -> None:
        report = self.app.sync_report
        problems = self.query_one("#problems", Static)
        parts = []
        if report is not None and report.problems:
            parts.append("[b]Deck problems[/b] (what is broken was skipped, the rest loaded; fix them, then restart):\n" + "\n".join(
                f"  {escape(str(p))}" for p in report.problems[:8]) + ("\n  …" if len(report.problems) > 8 else ""))
        ignored = self.app.startup_warnings
        if ignored:
            parts.append("[b]Settings ignored[/b] (defaults used; Ctrl+P → Settings edits them):\n" + "\n".join(
                f"  {escape(w)}" for w in ignored[:5]) + ("\n  …" if len(ignored) > 5 else ""))
        problems.update("\n".join(parts))
        problems.display = bool(parts)

    def _fill_table(self) -> None:
        """The deck rows, titles cut to the width left beside the counts: every column shows."""
        summaries = getattr(self, "_summaries", None)
        if summaries is None:
            return
        table = self.query_one(DataTable)
        selected = table.cursor_row
        rows = [(deck, _count(deck.due_today, "due"), _count(deck.new, "new"), str(deck.cards))
                for deck in summaries]
        counts = sum(max([len(label), *(len(r[i]) for r in rows)]) + 2
                     for i, label in ((1, "Due"), (2, "New"), (3, "Cards")))
        # the screen less the padding, the counts, the title's own cell padding and a scrollbar
        room = max(12, self.size.width - 4 - counts - 2 - 2) if self.size.width else 200
        table.clear()
        for deck, due, new, cards in rows:
            table.add_row(_fit(deck.title, room), due, new, cards, key=deck.id)
        if summaries:
            table.move_cursor(row=min(selected, len(summaries) - 1))

    def on_resize(self) -> None:
        self._fill_table()

    def title_of(self, deck_id: str) -> str:
        return next((d.title for d in getattr(self, "_summaries", []) if d.id == deck_id), deck_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._review([event.row_key.value])

    def action_review_selected(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            self.notify("No decks yet: add YAML decks to the decks folder.", severity="warning")
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self._review([row_key.value])

    def action_export(self) -> None:
        """Export the highlighted deck; with no decks there is nothing to export."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            self.notify("No decks to export.", severity="warning")
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.app.go(Place.EXPORT, deck_id=row_key.value, deck_title=self.title_of(row_key.value))

    def _review(self, deck_ids: list[str]) -> None:
        self.app.go(Place.REVIEW, deck_ids=deck_ids)


def _interview_line(settings: Settings, today: date) -> str:
    """The interview date and the days left (settings: study.interview_date), or nothing."""
    day = settings.interview_date
    if day is None:
        return ""
    left = days_left(today, day)
    after = "" if left >= 0 else " · scheduling is normal again (`flashdeck interview clear`)"
    return f"\n[b]Interview[/b]  {day.isoformat()} · [b]{days_left_text(left)}[/b]{after}"


def _count(value: int, kind: str) -> Text:
    if not value:
        return Text("0", style="dim")
    return Text(str(value), style="bold green" if kind == "due" else "bold cyan")


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"

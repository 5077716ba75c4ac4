"""The card browser: search every card, see its history, suspend / bury it, edit its YAML.

Searches run as the learner types (after a short pause) in a thread worker, so typing never
waits for the database. `e` hands the terminal to $VISUAL / $EDITOR at the card's line (no
editor set: vi, after saying so) and, when the editor closes, re-syncs the decks so the edit
shows at once. A bundled card is edited in the learner's copy of its deck (services.browse).
"""

from __future__ import annotations

import os

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from flashdeck.domain.browse_query import SYNTAX
from flashdeck.services import browse as browse_service
from flashdeck.tui.actions import bindings
from flashdeck.tui.editor import run_editor, with_editor
from flashdeck.services.browse import CardListing, SearchResult
from flashdeck.tui.widgets.card_text import CardText

# the other columns of the results, their padding, the screen's padding and the scrollbar:
# the front gets what is left of the width, within these bounds
_BESIDE_FRONT = 64
FRONT_WIDTHS = (24, 90)
_STATE_STYLES = {"new": "cyan", "learning": "magenta", "young": "green", "mature": "bold green",
                 "suspended": "yellow"}


class BrowseScreen(Screen):
    BINDINGS = bindings("BrowseScreen")
    DEFAULT_CSS = """
    #browse { padding: 0 1; }
    #browse-count { height: 1; padding: 0 1; color: $text-muted; }
    #browse-results { height: 1fr; }
    #browse-detail { height: 1fr; border-top: solid $primary-darken-2; }
    #browse-card { width: 1fr; padding: 0 1; }
    #browse-meta { margin-bottom: 1; }
    .browse-divider { color: $text-muted; margin: 1 0; }
    #browse-history-pane { width: 1fr; padding: 0 1; }
    #browse-history-title { color: $text-muted; }
    #browse-history { height: 1fr; }
    """
    SEARCH_DELAY = 0.15  # seconds of no typing before the search runs

    def __init__(self, query: str = ""):
        super().__init__()
        self.initial_query = query
        self.result: SearchResult | None = None
        self.rows: dict[int, CardListing] = {}
        self.detail_id: int | None = None  # the card the detail pane shows
        self.front_width = FRONT_WIDTHS[0]
        self._requested: str | None = None  # the text of the last search started
        self._timer = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="browse"):
            yield Input(self.initial_query, placeholder=SYNTAX, id="browse-query")
            yield Static(id="browse-count")
            yield DataTable(id="browse-results", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="browse-detail"):
                with VerticalScroll(id="browse-card"):
                    yield Static(id="browse-meta")
                    yield CardText(id="browse-front")
                    yield Static("─── answer ───", classes="browse-divider")
                    yield CardText(id="browse-back")
                with Vertical(id="browse-history-pane"):
                    yield Static(id="browse-history-title")
                    history = DataTable(id="browse-history", cursor_type="none", zebra_stripes=True)
                    history.can_focus = False
                    for label, key in (("When", "when"), ("Mode", "mode"), ("Grade", "grade"),
                                       ("Interval", "interval"), ("Time", "time")):
                        history.add_column(label, key=key)
                    yield history
        yield Footer()

    def on_mount(self) -> None:
        self._add_columns()
        # opened on a query ("is:leech"): the learner looks at the list; else they type first
        if self.initial_query:
            self.query_one("#browse-results", DataTable).focus()
        else:
            self.query_one("#browse-query", Input).focus()

    def on_screen_resume(self) -> None:
        self.search_now(force=True)  # also the first search: cards may have changed meanwhile

    # -- searching ------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "browse-query" or event.value == self._requested:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.SEARCH_DELAY, self.search_now)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "browse-query":
            self.search_now()
            self.query_one("#browse-results", DataTable).focus()

    def search_now(self, force: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.query_one("#browse-query", Input).value
        if text == self._requested and not force:
            return
        self._requested = text
        self._search(text)

    @work(thread=True, exclusive=True, group="browse-search", exit_on_error=False)
    def _search(self, text: str) -> None:
        try:
            result = browse_service.search(self.app.ctx, text)
        except Exception as exc:  # noqa: BLE001 - a database error is shown, the screen stays
            result = SearchResult([], 0, 0, error=f"the search failed: {exc}")
        if not get_current_worker().is_cancelled:  # a newer search is on its way
            self.app.call_from_thread(self._show_results, text, result)

    def _show_results(self, text: str, result: SearchResult) -> None:
        if not self.is_attached or text != self._requested:
            return
        count = self.query_one("#browse-count", Static)
        self.result = result
        if result.error is not None:
            # nothing was searched: the previous results would pass for this search's
            count.update(f"[b red]{escape(result.error)}[/]")
            self._fill_table([])
            self.query_one("#browse-meta", Static).update(
                "[dim]Nothing was searched: the search above could not be read.[/dim]")
            return
        shown = len(result.rows)
        words = f"[b]{result.total:,}[/b] of {result.collection:,} cards"
        if shown < result.total:
            words += f" · the first {shown:,} shown"
        for note in result.notes:
            words += f" · [yellow]{escape(note)}[/]"
        count.update(words)

        self._fill_table(result.rows)

    def _add_columns(self) -> None:
        table = self.query_one("#browse-results", DataTable)
        self.front_width = min(max(self.size.width - _BESIDE_FRONT, FRONT_WIDTHS[0]), FRONT_WIDTHS[1])
        table.add_column("Deck", key="deck", width=14)
        table.add_column("Front", key="front", width=self.front_width)
        # a fixed width: the longest kind is known ("scenario"), and an auto width was sometimes
        # left at the label's 4 when the resize rebuilt the columns ("conc", "dril")
        table.add_column("Kind", key="kind", width=8)
        for label, key in (("State", "state"), ("Due", "due"), ("Ivl", "interval"), ("Lapses", "lapses")):
            table.add_column(label, key=key)

    def on_resize(self) -> None:
        wanted = min(max(self.size.width - _BESIDE_FRONT, FRONT_WIDTHS[0]), FRONT_WIDTHS[1])
        if wanted == self.front_width:
            return
        if self.result is not None:
            self._fill_table(self.result.rows, columns=True)
        else:
            self.query_one("#browse-results", DataTable).clear(columns=True)
            self._add_columns()

    def _fill_table(self, rows: list[CardListing], columns: bool = False) -> None:
        """Show these rows, the same card highlighted if it is still among them."""
        table = self.query_one("#browse-results", DataTable)
        keep, index = self._current_id(), table.cursor_row
        self.rows = {row.id: row for row in rows}
        table.clear(columns=columns)
        if columns:  # the width changed: the front column takes what the others leave
            self._add_columns()
        today = self.app.ctx.today()
        for row in rows:
            table.add_row(*self._cells(row, today), key=str(row.id))
        if not rows:
            self._show_detail(None)
            return
        if keep in self.rows:
            index = table.get_row_index(str(keep))
        table.move_cursor(row=min(max(index, 0), len(rows) - 1))
        self._show_detail(self._current_id(), force=True)

    def _cells(self, row: CardListing, today) -> list:
        # one line of plain text: Markdown's bold and code marks would only take room
        front = Text(" ".join(row.front.replace("**", "").replace("`", "").split()), no_wrap=True)
        front.truncate(self.front_width, overflow="ellipsis")
        deck = Text(row.deck_title, no_wrap=True)
        deck.truncate(14, overflow="ellipsis")
        due = _day(row.due)
        if row.due is not None and row.due <= today and row.state != "suspended":
            due = Text(due, style="bold")  # due now
        return [deck, front, row.kind, self._state_text(row), due,
                f"{row.interval}d" if row.due is not None else Text("—", style="dim"),
                str(row.lapses) if row.lapses else Text("0", style="dim")]

    @staticmethod
    def _state_text(row: CardListing) -> Text:
        text = Text(row.state, style=_STATE_STYLES.get(row.state, ""))
        if row.buried:
            text.append(" buried", style="dim")
        if row.leech:
            text.append(" leech", style="bold red")
        return text

    # -- the highlighted card ----------------------------------------------------------------

    def _current_id(self) -> int | None:
        table = self.query_one("#browse-results", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "browse-results" and event.row_key.value is not None:
            self._show_detail(int(event.row_key.value))

    def _show_detail(self, card_id: int | None, force: bool = False) -> None:
        if card_id == self.detail_id and not force:
            return
        self.detail_id = card_id
        meta = self.query_one("#browse-meta", Static)
        front = self.query_one("#browse-front", CardText)
        back = self.query_one("#browse-back", CardText)
        history = self.query_one("#browse-history", DataTable)
        title = self.query_one("#browse-history-title", Static)
        history.clear()
        ctx = self.app.ctx
        view = browse_service.card(ctx, card_id) if card_id is not None else None
        if view is None:
            meta.update("[dim]No card matches this search.[/dim]" if card_id is None else "[dim]This card is gone.[/dim]")
            front.show("")
            back.show("")
            title.update("")
            return
        row = self.rows.get(card_id) or browse_service.listing(ctx, card_id)
        meta.update(self._meta_text(view, row))
        front.show(view.card.front)
        back.show(view.card.back)
        self.query_one("#browse-card", VerticalScroll).scroll_home(animate=False)
        entries = browse_service.history(ctx, card_id)
        title.update(f"[b]History[/b] · {len(entries)} grade{'' if len(entries) == 1 else 's'}"
                     if entries else "[b]History[/b] · not reviewed yet")
        for e in entries:
            grade = Text(str(e.quality), style="red" if e.quality < 3 else "")
            if e.lapse:
                grade.append(" lapse", style="bold red")
            history.add_row(f"{e.reviewed_at:%Y-%m-%d %H:%M}", e.mode, grade,
                            f"{e.interval_before}→{e.interval_after}d", f"{e.duration_ms / 1000:.1f} s",
                            key=str(e.id))

    @staticmethod
    def _meta_text(view, row: CardListing | None) -> str:
        card = view.card
        lines = [f"[b]{escape(view.deck_title)}[/b] · {escape(card.deck_id)}/{escape(card.card_id)} · "
                 f"[i]{card.kind}[/i] · {escape(', '.join(card.topics))}"]
        if row is not None:
            state = f"[{_STATE_STYLES.get(row.state, 'default')}]{row.state}[/]"
            if row.due is not None:
                state += f" · due {_day(row.due)} · interval {row.interval}d"
            state += f" · ease {row.easiness_pct / 100:.2f} · {row.lapses} lapse{'' if row.lapses == 1 else 's'}"
            if row.buried_until is not None:
                state += f" · [yellow]buried until {row.buried_until:%a %d %b}[/]"
            if row.leech:
                state += " · [b red]leech[/]"
            lines.append(state)
        return "\n".join(lines)

    def _refresh_row(self, card_id: int) -> CardListing | None:
        """Redraw one row in place (it stays even if it no longer matches the search)."""
        row = browse_service.listing(self.app.ctx, card_id)
        if row is None:
            return None
        self.rows[card_id] = row
        table = self.query_one("#browse-results", DataTable)
        for column, value in zip(("deck", "front", "kind", "state", "due", "interval", "lapses"),
                                 self._cells(row, self.app.ctx.today())):
            table.update_cell(str(card_id), column, value, update_width=True)
        if self.detail_id == card_id:
            self._show_detail(card_id, force=True)
        return row

    def _require_card(self) -> int | None:
        card_id = self._current_id()
        if card_id is None:
            self.notify("No card highlighted: search for one first.", severity="warning")
        return card_id

    # -- actions -----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#browse-query", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#browse-results", DataTable).focus()
        else:
            self.action_leave()

    def action_leave(self) -> None:
        if len(self.app.screen_stack) > 2:  # the app's default screen, what opened us, us
            self.app.pop_screen()
        else:
            self.app.exit()

    def action_leeches(self) -> None:
        self.query_one("#browse-query", Input).value = "is:leech"
        self.search_now()
        self.query_one("#browse-results", DataTable).focus()

    def action_suspend(self) -> None:
        card_id = self._require_card()
        if card_id is None:
            return
        suspended = browse_service.toggle_suspend(self.app.ctx, card_id)
        row = self._refresh_row(card_id)
        key = row.key if row is not None else f"card {card_id}"
        if suspended:
            self.notify(f"Suspended {key}: it stays out of reviews. Press s again to unsuspend it.")
        else:
            self.notify(f"Unsuspended {key}: it is back in reviews. Press s again to suspend it.")

    def action_bury(self) -> None:
        card_id = self._require_card()
        if card_id is None:
            return
        until = browse_service.toggle_bury(self.app.ctx, card_id)
        row = self._refresh_row(card_id)
        key = row.key if row is not None else f"card {card_id}"
        if until is not None:
            self.notify(f"Buried {key} until {until:%a %d %b}. Press b again to unbury it.")
        else:
            self.notify(f"Unburied {key}. Press b again to bury it until tomorrow.")

    def action_edit(self) -> None:
        card_id = self._require_card()
        if card_id is None:
            return
        ctx = self.app.ctx
        try:
            plan = browse_service.plan_edit(ctx, card_id)
        except LookupError:
            self.notify("This card is gone from the database.", severity="error")
            return
        except browse_service.CannotEdit as exc:
            self.notify(escape(str(exc)), severity="warning", timeout=10)
            return
        choice = browse_service.choose_editor(plan.path, plan.line, os.environ)
        what = (f"your own copy of {plan.copy_of.name} (made in {plan.path.parent}; the bundled deck stays as it is)"
                if plan.copies else plan.path.name)
        with_editor(self, choice, what, lambda: self._edit(card_id, plan, choice))

    def _edit(self, card_id: int, plan, choice) -> None:
        ctx = self.app.ctx
        try:
            browse_service.begin_edit(plan)
        except browse_service.CannotEdit as exc:
            self.notify(escape(str(exc)), severity="error", timeout=10)
            return
        outcome = run_editor(self.app, choice.command, choice.notice)
        if isinstance(outcome, OSError):
            browse_service.cancel_edit(plan)
            self.notify(f"Could not start the editor `{escape(choice.command[0])}`: "
                        f"{escape(outcome.strerror or str(outcome))}. Set $VISUAL or $EDITOR to the editor you use.",
                        severity="error", timeout=10)
            return
        report = browse_service.after_edit(ctx)
        self.app.sync_report = report  # the home screen lists broken deck files from it
        if plan.copies:
            self.notify(f"This deck comes with flashdeck, so you edited your own copy of it: {escape(str(plan.path))}. "
                        "It replaces the bundled deck (same cards, same history); later edits go to it, and "
                        "deleting it brings the bundled deck back.", title="Your copy of the deck", timeout=15)
        if report.problems:
            shown = "\n".join(escape(str(p)) for p in report.problems[:6])
            more = f"\n… and {len(report.problems) - 6} more" if len(report.problems) > 6 else ""
            self.notify(f"{shown}{more}\nNothing is lost: a broken card keeps its last good text until the file is "
                        "fixed (press e to edit it again); the file's other cards took the edit.", title="The deck file has problems", severity="warning",
                        timeout=20)
        elif report.added or report.updated or report.retired:
            self.notify(f"Saved: {report.updated} card(s) changed, {report.added} added, {report.retired} removed.")
        else:
            self.notify("No change to the deck file.", timeout=3)
        if not choice.chosen:
            self.notify(f"Edited in {escape(choice.name)}: set $EDITOR to choose another editor.", timeout=6)
        if outcome.returncode:
            self.notify(f"The editor exited with status {outcome.returncode}.", severity="warning")
        self._show_detail(card_id, force=True)
        self.search_now(force=True)


def _day(day) -> str | Text:
    return f"{day:%Y-%m-%d}" if day is not None else Text("—", style="dim")

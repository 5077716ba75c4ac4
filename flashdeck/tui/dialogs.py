"""Dialogs more than one screen opens: a yes/no question, a drill's earlier attempts."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static, TextArea

from flashdeck.tui.actions import bindings


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y or Enter for yes, n or Esc for no."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Static { width: 60; padding: 1 2; border: thick $warning; background: $surface; }
    """
    BINDINGS = bindings("ConfirmScreen")

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(self.question + "\n\n[b]y[/b] yes    [b]n[/b] no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class AttemptsScreen(ModalScreen[None]):
    """A drill's attempts, oldest first, and the highlighted one's code (read-only). Esc closes."""

    DEFAULT_CSS = """
    AttemptsScreen { align: center middle; }
    AttemptsScreen > Vertical { width: 96%; height: 94%; border: thick $primary; background: $surface; }
    AttemptsScreen #attempts-title { padding: 0 1; }
    AttemptsScreen #attempts-table { height: auto; max-height: 8; }
    AttemptsScreen #attempt-code { height: 1fr; }
    AttemptsScreen #attempts-hint { color: $text-muted; padding: 0 1; }
    AttemptsScreen #attempt-mistake { color: $warning; padding: 0 1; }
    """
    BINDINGS = bindings("AttemptsScreen")

    def __init__(self, drill_id: str, rows: list[dict], current_id: int | None):
        super().__init__()
        self.drill_id, self.rows, self.current_id = drill_id, rows, current_id

    def compose(self) -> ComposeResult:
        with Vertical():
            current = next((r["number"] for r in self.rows if r["id"] == self.current_id), None)
            on_screen = f"; #{current} is the one on the drill screen" if current is not None else ""
            yield Static(f"[b]Attempts at {self.drill_id}[/b] ({len(self.rows)}, oldest first{on_screen})",
                         id="attempts-title")
            table = DataTable(id="attempts-table", cursor_type="row", zebra_stripes=True)
            for label in ("#", "Started", "Finished", "Outcome", "Checks", "Hints", "Grade"):
                table.add_column(label, key=label.lower())
            yield table
            yield Static(id="attempt-mistake")  # what the judge named in its last failing check
            yield TextArea(id="attempt-code", read_only=True, show_line_numbers=True, soft_wrap=False)
            yield Static("↑↓ choose an attempt · Tab to its code · Esc closes", id="attempts-hint")

    def on_mount(self) -> None:
        code = self.query_one("#attempt-code", TextArea)
        try:
            code.language = "python"
        except Exception:  # no tree-sitter: unhighlighted
            pass
        table = self.query_one(DataTable)
        for r in self.rows:
            table.add_row(str(r["number"]), _short_time(r["started"]),
                          _short_time(r["finished"]) if r["finished"] else "—",
                          r["status"], str(r["checks_run"]), str(r["hints_shown"]),
                          "—" if r["grade"] is None else str(r["grade"]), key=str(r["number"]))
        earlier = [i for i, r in enumerate(self.rows) if r["id"] != self.current_id]
        if earlier:  # the latest earlier attempt: the one a fresh start left behind
            table.move_cursor(row=earlier[-1])
            self._show(earlier[-1])
        elif self.rows:
            self._show(0)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _show(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.query_one("#attempt-code", TextArea).load_text(self.rows[index]["code"])
            mistake = self.rows[index].get("mistake")
            named = self.query_one("#attempt-mistake", Static)
            named.update(Text(f"Its last failing check: {mistake}") if mistake else "")
            named.display = bool(mistake)

    def action_close(self) -> None:
        self.dismiss(None)


def _short_time(iso: str) -> str:
    """'2025-03-02T17:44:05+01:00' -> '02 Mar 17:44' (an attempt list fits in 80 columns)."""
    return f"{datetime.fromisoformat(iso):%d %b %H:%M}"

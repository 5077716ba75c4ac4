"""Choosing topics to study now, due or not: the TUI's `flashdeck review --topics ... [--cram]`."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, SelectionList, Static
from textual.widgets.selection_list import Selection

from flashdeck.domain.topics import TOPICS
from flashdeck.tui.actions import bindings


@dataclass(frozen=True)
class CramChoice:
    topics: list[str]
    cram: bool  # practice only: grades are logged, the schedule does not move


class CramSetupScreen(ModalScreen[CramChoice | None]):
    """Topics with their card counts; space ticks one, ctrl+s (or s) starts, Esc cancels."""

    DEFAULT_CSS = """
    CramSetupScreen { align: center middle; }
    CramSetupScreen > Vertical { width: 90; height: 90%; padding: 1 2; border: thick $primary; background: $surface; }
    CramSetupScreen SelectionList { height: 1fr; margin: 1 0; }
    CramSetupScreen #cram-error { color: $error; }
    CramSetupScreen #cram-help { color: $text-muted; }
    """
    BINDINGS = bindings("CramSetupScreen")

    def __init__(self, counts: dict[str, tuple[int, int]]):
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Study topics now[/b] — every card of the ticked topics, due or not")
            yield Static("[b]space[/b] tick a topic · [b]s[/b] start · [b]c[/b] cram on/off · [b]Esc[/b] cancel",
                         id="cram-help")
            options = []
            for topic_id, topic in TOPICS.items():
                cards, due = self.counts.get(topic_id, (0, 0))
                label = f"{topic_id:<26} {cards:>4} cards {due:>4} due   [dim]{topic.covers[:40]}[/dim]"
                options.append(Selection(label, topic_id, disabled=cards == 0))
            yield SelectionList[str](*options, id="cram-topics")
            yield Checkbox("Cram: practice only, grades do not move the review schedule", True, id="cram-cram")
            yield Static(id="cram-error")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_toggle_cram(self) -> None:
        box = self.query_one("#cram-cram", Checkbox)
        box.value = not box.value

    def action_start(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if not chosen:
            self.query_one("#cram-error", Static).update("Tick at least one topic (space), then press s.")
            return
        self.dismiss(CramChoice(chosen, self.query_one("#cram-cram", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)

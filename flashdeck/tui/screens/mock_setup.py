"""The mock interview's setup form: the same choices as `flashdeck mock` (minutes, questions,
topics, seed, practice only). The router opens it and, once chosen, the interview."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static

from flashdeck.services.mock import MockOptions
from flashdeck.services.selection import UnknownTopic, resolve_topics
from flashdeck.tui.actions import bindings


class MockSetupScreen(ModalScreen[MockOptions | None]):
    """The same choices as `flashdeck mock`: minutes, questions, topics, seed, no schedule."""

    DEFAULT_CSS = """
    MockSetupScreen { align: center middle; }
    MockSetupScreen > VerticalScroll { width: 72; height: auto; max-height: 100%; padding: 0 2;
                                       border: thick $primary; background: $surface; }
    MockSetupScreen .label { color: $text-muted; }
    MockSetupScreen #setup-error { color: $error; }
    """
    BINDINGS = bindings("MockSetupScreen")

    def compose(self) -> ComposeResult:
        # 23 rows, to fit an 80x24 terminal; on a smaller one it scrolls to the focused field
        with VerticalScroll():
            yield Static("[b]Mock interview[/b] — Enter starts, Esc cancels")
            yield Static("Minutes", classes="label")
            yield Input("45", id="setup-minutes", type="integer")
            yield Static("Questions, the coding drill included (empty: from the minutes)", classes="label")
            yield Input(id="setup-questions", type="integer")
            yield Static("Topics, comma-separated (empty: all)", classes="label")
            yield Input(id="setup-topics", placeholder="e.g. transformer.attention,llm.decoding")
            yield Static("Seed (empty: a new plan)", classes="label")
            yield Input(id="setup-seed", type="integer")
            yield Checkbox("Practice only: grades do not move the review schedule", id="setup-no-schedule")
            yield Static(id="setup-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        error = self.query_one("#setup-error", Static)
        raw = {name: self.query_one(f"#setup-{name}", Input).value.strip()
               for name in ("minutes", "questions", "topics", "seed")}
        try:
            minutes = int(raw["minutes"] or 45)
            questions = int(raw["questions"]) if raw["questions"] else None
            seed = int(raw["seed"]) if raw["seed"] else None
            topics = tuple(resolve_topics(raw["topics"])) if raw["topics"] else ()
        except ValueError as exc:
            error.update(escape(str(exc) if isinstance(exc, UnknownTopic) else "minutes, questions and seed are whole numbers"))
            return
        if not 1 <= minutes <= 240 or (questions is not None and not 1 <= questions <= 60):
            error.update("minutes: 1-240; questions: 1-60")
            return
        self.dismiss(MockOptions(minutes=minutes, questions=questions, topics=topics, seed=seed,
                                 no_schedule=self.query_one("#setup-no-schedule", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Handing the terminal to the learner's editor and taking it back."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from rich.markup import escape
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from flashdeck.services.editor import EditorChoice


def run_editor(app, command: list[str], notice: str = "") -> subprocess.CompletedProcess | OSError:
    """Run `command` with the app suspended; an editor that cannot start is returned as the
    OSError (raised inside app.suspend(), it would skip resuming the app and leave it dead).
    `notice` is written to the terminal first (a GUI editor leaves it in view while it runs)."""
    def run(**kwargs):
        try:
            return subprocess.run(command, **kwargs)
        except OSError as exc:
            return exc

    try:
        with app.suspend():
            if notice:
                print(f"flashdeck: {notice}", file=sys.stderr, flush=True)
            return run()
    except SuspendNotSupported:
        # no terminal to hand over (headless tests, Textual web): run it without one
        return run(stdin=subprocess.DEVNULL, capture_output=True)


class EditorNotice(ModalScreen[bool]):
    """Before a fallback editor the learner never chose takes the terminal: which one it is,
    how to leave it and how to choose another. Enter opens it, Esc does not."""

    DEFAULT_CSS = """
    EditorNotice { align: center middle; }
    EditorNotice > Vertical { width: 72; max-width: 100%; height: auto; padding: 1 2; border: thick $warning;
                              background: $surface; }
    EditorNotice #editor-notice-keys { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", id="editor_notice.open"),
        Binding("escape,q", "cancel", "Cancel", id="editor_notice.cancel"),
    ]

    def __init__(self, choice: EditorChoice, what: str):
        super().__init__()
        self.choice, self.what = choice, what

    def compose(self) -> ComposeResult:
        lines = [f"[b]{escape(self.choice.notice)}[/b]",
                 f"No $VISUAL or $EDITOR is set, so {escape(self.what)} opens in {escape(self.choice.name)}."]
        if self.choice.how_to_quit:
            lines.append(escape(self.choice.how_to_quit[0].upper() + self.choice.how_to_quit[1:]) + ".")
        lines.append("To use another editor: export EDITOR=nano (or code, micro, ...) before starting flashdeck.")
        with Vertical():
            yield Static("\n".join(lines), id="editor-notice-text")
            yield Static(f"[b]Enter[/b] open in {escape(self.choice.name)} · [b]Esc[/b] cancel",
                         id="editor-notice-keys")

    def action_open(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def with_editor(screen, choice: EditorChoice, what: str, then: Callable[[], None]) -> None:
    """Call `then` (which runs the editor) once the learner knows which editor it is: at once
    for the one they chose ($VISUAL / $EDITOR); after EditorNotice for a fallback; never when
    there is no editor at all (one line says to set $EDITOR)."""
    if choice.command is None:
        screen.notify(choice.notice, severity="error", timeout=10)
        return
    if choice.chosen:
        then()
        return
    screen.app.push_screen(EditorNotice(choice, what), callback=lambda go: then() if go else None)

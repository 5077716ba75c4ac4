"""The settings in effect (as `flashdeck config show`), and config.toml opened in $EDITOR.

After an edit the new settings apply at once: daily limits, leech threshold, theme and keys.
"""

from __future__ import annotations

import os

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from flashdeck.tui.config_text import render
from flashdeck.services.editor import choose_editor
from flashdeck.services.settings import ensure_config_file, load_settings
from flashdeck.tui.actions import bindings
from flashdeck.tui.editor import run_editor, with_editor
from flashdeck.tui.keymap import apply_settings


class SettingsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen > Vertical { width: 96; height: 90%; padding: 1 2; border: thick $primary; background: $surface; }
    SettingsScreen VerticalScroll { height: 1fr; margin-top: 1; }
    SettingsScreen #settings-help { color: $text-muted; }
    """
    BINDINGS = bindings("SettingsScreen")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Settings[/b]", id="settings-title")
            yield Static("[b]e[/b] edit config.toml in $EDITOR (applied when you save and quit) · [b]Esc[/b] close",
                         id="settings-help")
            with VerticalScroll():
                yield Static(id="settings-text")

    def on_mount(self) -> None:
        self.show()

    def show(self, warnings: list[str] | None = None) -> None:
        text, found = render(self.app.home / "config.toml")
        problems = warnings if warnings is not None else found
        shown = escape(text)
        if problems:
            shown = "[b $warning]Problems (defaults used):[/]\n" + "\n".join(escape(p) for p in problems) + "\n\n" + shown
        self.query_one("#settings-text", Static).update(shown)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        path = self.app.home / "config.toml"
        ensure_config_file(path)
        choice = choose_editor(path, environ=os.environ)
        with_editor(self, choice, "config.toml", lambda: self._edit(path, choice))

    def _edit(self, path, choice) -> None:
        outcome = run_editor(self.app, choice.command, choice.notice)
        if isinstance(outcome, OSError):
            self.notify(f"Could not start the editor {escape(choice.command[0])!r}: "
                        f"{escape(outcome.strerror or str(outcome))}. Set $VISUAL or $EDITOR to the editor you use.",
                        severity="error", timeout=10)
            return
        settings, warnings = load_settings(path)
        self.app.settings = settings
        if self.app.ctx is not None:
            self.app.ctx.settings = settings
        warnings += apply_settings(self.app, settings)
        self.show(warnings)
        self.notify("Settings reloaded." if not warnings else "Settings reloaded; some values were ignored.",
                    severity="information" if not warnings else "warning")
        if not choice.chosen:
            self.notify(f"Edited in {escape(choice.name)}: set $EDITOR to choose another editor.", timeout=6)

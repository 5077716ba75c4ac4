"""The Textual application: picks the first screen and holds the open Context."""

from __future__ import annotations

import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from textual.app import App, SystemCommand

from flashdeck.services.backups import DatabaseDamaged, damage_reason
from flashdeck.tui import navigation
from flashdeck.tui.actions import bindings
from flashdeck.tui.keymap import apply_settings
from flashdeck.tui.places import PLACES, Place, Start

if TYPE_CHECKING:  # all import SQLAlchemy, which a quick `flashdeck review` loads after its first card
    from flashdeck.services.context import Context
    from flashdeck.services.decks import SyncReport
    from flashdeck.services.drills import Judge
    from flashdeck.services.mock import MockOptions
    from flashdeck.services.quickstart import QuickHome, QuickStart


class FlashdeckApp(App):
    TITLE = "flashdeck"
    CSS_PATH = "flashdeck.tcss"
    BINDINGS = bindings("FlashdeckApp")
    # The drill judge (torch in its own process): made by the first drill screen's judge() call
    # and then closed on exit by the app, which owns it; one handed in is its giver's to close.
    drill_judge: Judge | None = None
    owns_drill_judge = False
    mock_options: MockOptions | None = None  # `flashdeck mock`'s choices, for a start in the mock
    database_damage: str | None = None  # what SQLite said when it found the database damaged
    startup_warnings: tuple[str, ...] | list[str] = ()  # settings ignored at start (header, home)
    isolation_said = False  # the drill screen said once that checks run less contained

    def __init__(self, ctx: Context | None, *, start: Start | str = "home", deck_ids: list[str] | None = None,
                 sync_report: SyncReport | None = None, first_card_probe: str | None = None,
                 topics: list[str] | None = None, cram: bool = False,
                 quick: QuickStart | QuickHome | None = None,
                 opener: Callable[[], tuple[Context, SyncReport]] | None = None,
                 mock_options: MockOptions | None = None):
        """`ctx` is the open Context; or None with `quick` (the first card, or the home
        screen's counts, read without SQLAlchemy) and `opener`, which the review or home
        screen runs in a thread once it is drawn (see services.quickstart). `start`: a Start,
        or the CLI's "review", "drill:ID"..."""
        super().__init__()
        if ctx is None and (quick is None or opener is None):
            raise ValueError("without a Context, give the quick start and its opener")
        self.ctx = ctx
        self.quick, self.opener = quick, opener
        self.home = ctx.home if ctx is not None else quick.home
        self.settings = ctx.settings if ctx is not None else quick.settings
        self.start = Start.of(start)
        self.deck_ids = deck_ids
        self.topics, self.cram = topics, cram
        self.sync_report = sync_report
        # for the benchmark: once the first card is on screen, the time and the imported
        # modules are written to this file and the app exits
        self.first_card_probe = first_card_probe
        self.mock_options = mock_options
        self._judge_lock = threading.Lock()  # the drill screen's two workers may both ask first
        self._when_open: list[Callable[[], None]] = []  # what was asked for before the Context opened

    def judge(self) -> Judge:
        """The drill judge, made (not started) on first use."""
        with self._judge_lock:
            if self.drill_judge is None:
                from flashdeck.services import drills as drill_service  # SQLAlchemy: not on a quick review's path

                self.drill_judge = drill_service.new_judge(self.ctx)
                self.owns_drill_judge = True
            return self.drill_judge

    def run(self, *args, **kwargs):
        """As App.run, for the CLI: a damaged database met on any screen is raised after the
        terminal is restored (services.backups.DatabaseDamaged: the CLI prints its one line,
        exit 1), and a crash exits with Textual's return code (1), never 0."""
        result = super().run(*args, **kwargs)
        if self.database_damage is not None:
            raise DatabaseDamaged(None, self.database_damage)
        if self.return_code:
            raise SystemExit(self.return_code)
        return result

    def _handle_exception(self, error: Exception) -> None:
        """A damaged database is not a crash: no traceback, the app ends and run() says it."""
        if self.database_damage is not None:
            return  # the app is closing: what else fails on the half-built screen follows from it
        reason = damage_reason(error)
        if reason is None:
            super()._handle_exception(error)
            return
        self._return_code = 1
        self.database_damage = reason
        self._exception_event.set()  # (a Pilot waiting for the screen stops waiting)
        self._close_messages_no_wait()

    def first_card_shown(self) -> None:
        if self.first_card_probe:
            drawn = time.time()
            Path(self.first_card_probe).write_text("\n".join([repr(drawn), *sorted(sys.modules)]))
            self.set_timer(0.3, self.exit)  # let the frame reach the terminal first

    def on_mount(self) -> None:
        warnings = self.ctx.warnings if self.ctx is not None else self.quick.warnings
        # Not as toasts: at start they stacked over half the first card for 10 s. The header
        # says how many, the home screen and Settings list them.
        self.startup_warnings = [*warnings, *apply_settings(self, self.settings)]
        if self.startup_warnings:
            n = len(self.startup_warnings)
            self.sub_title = f"⚠ {n} setting{'' if n == 1 else 's'} ignored: Ctrl+P → Settings"
        self._notify_sync_problems()
        navigation.start(self, self.start)

    def go(self, place: Place | str, **args) -> None:
        """Open a place (what the screens, the home keys and the palette call; see tui.navigation)."""
        navigation.open_place(self, place, **args)

    def action_copy_or_quit(self) -> None:
        """ctrl+c: copy the selected text if there is any (as Textual's Input, TextArea and
        screen do), and clear the selection so that a second ctrl+c quits; otherwise quit."""
        focused = self.focused
        selected = getattr(focused, "selected_text", "") if focused is not None else ""
        if selected:
            self.copy_to_clipboard(selected)
            _clear_selection(focused)
        else:
            try:
                selected = self.screen.get_selected_text() or ""
            except Exception:  # noqa: BLE001 - no screen selection to speak of
                selected = ""
            if selected:
                self.copy_to_clipboard(selected)
                self.screen.clear_selection()
        if selected:
            self.notify("Copied. Press ctrl+c again to quit.", timeout=3)
            return
        self.action_quit()

    def action_quit(self) -> None:
        """ctrl+q and ctrl+c: save what the drill editors hold, then leave. (Their autosave
        waits for half a second of quiet, and on unmount the editor is already gone.)"""
        for screen in reversed(self.screen_stack):
            save = getattr(screen, "save", None)  # DrillScreen and the mock's: the code being edited
            if callable(save):
                try:
                    save()
                except Exception:  # noqa: BLE001 - leaving must not fail; the last autosave stands
                    pass
        self.exit()

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        """Every screen in the command palette (ctrl+p), beside Textual's own commands."""
        for place in PLACES:
            yield SystemCommand(place.title, place.help, partial(self.go, place.name))
        yield from super().get_system_commands(screen)

    def context_opened(self, ctx: Context, report: SyncReport) -> None:
        """The quick start's Context is open (on the app's thread): what was asked for while
        it opened runs now."""
        self.ctx, self.sync_report = ctx, report
        self._notify_sync_problems()
        pending, self._when_open = self._when_open, []
        for action in pending:
            action()

    def when_open(self, action: Callable[[], None]) -> None:
        """Run `action` now if the Context is open, or else once a quick start has opened it.
        Only the first thing asked for is kept (a second key would open a second screen over
        it); the rest are said to wait."""
        if self.ctx is not None:
            action()
        elif not self._when_open:
            self._when_open.append(action)
            self.notify("Opening your collection… it opens in a moment.", timeout=2)
        else:
            self.notify("Still opening your collection… one moment.", timeout=2)

    def _notify_sync_problems(self) -> None:
        if self.sync_report is not None and self.sync_report.problems:
            files = ", ".join(self.sync_report.broken_files)
            self.notify(f"Problems in deck file(s) {files}: what is broken was skipped, the rest loaded. "
                        "Run `flashdeck decks validate` for details.",
                        title="Deck problems", severity="warning", timeout=15)

    def on_unmount(self) -> None:
        if self.drill_judge is not None and self.owns_drill_judge:
            self.drill_judge.close()


def _clear_selection(widget) -> None:
    """Collapse an Input's or a TextArea's selection to its cursor."""
    # lazy, all three: the public text_area and input modules (~15 ms) stay off a quick review's start
    from textual.widgets import Input, TextArea  # lazy: see above
    from textual.widgets.input import Selection as InputSelection  # lazy: see above
    from textual.widgets.text_area import Selection  # lazy: see above

    if isinstance(widget, TextArea):
        widget.selection = Selection.cursor(widget.selection.end)
    elif isinstance(widget, Input):
        widget.selection = InputSelection.cursor(widget.cursor_position)

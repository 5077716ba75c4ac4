"""What the mock interview's screens share (tui.screens.mock, mock_setup, mock_drill,
mock_review, mock_report): the clock's period, the kinds' labels, how a screen is left, and
how a write that did not reach the disk is said, retried and never passed over.

Not a screen module: screens never import one another (tests/test_architecture.py), so what
two of them need lives here; they open one another through the router (tui.navigation).
"""

from __future__ import annotations

from typing import Callable

from rich.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from flashdeck.services.mock import MockGone, WriteFailed
from flashdeck.tui.actions import GRADE_LABELS

TICK_SECONDS = 0.5
KIND_LABEL = {"concept": "concept", "math": "math", "scenario": "scenario", "drill": "coding drill"}
UNSAVED_CSS = "#mock-unsaved { display: none; height: auto; padding: 0 1; background: $error 30%; }"


def leave(screen: Screen, leave_quits: bool) -> None:
    """Leave the mock: a mock the CLI opened quits the app, one opened from home goes back."""
    if leave_quits:
        screen.app.exit()
    else:
        screen.dismiss()


def formula_detail(typed: str, verdict) -> dict:
    """What a formula check found, as a mock answer's detail keeps it."""
    return {"checked": typed, "correct": verdict.correct, "message": verdict.message,
            "expected": verdict.expected_pretty, "given": verdict.given_pretty}


def grade_label(q: int) -> str:
    return GRADE_LABELS[q]


def unsaved_banner() -> Static:
    """The "Not saved" line a saving screen shows (hidden until a write fails)."""
    return Static(id="mock-unsaved")


class SavesOrRetries:
    """Mixed into the mock's screens (each has a `#mock-unsaved` banner and a `show_gone()`).

    Every write of the mock goes through `_save(what, write)`: `write` does the MockRun calls
    and then the redraw, so nothing is drawn as done before it is on disk. A WriteFailed
    leaves the run as it was (services.mock); the banner says "Not saved: <reason>", the write
    is retried every RETRY_SECONDS, and nothing moves on meanwhile: a key pressed then waits
    behind it, in order (the same key again is a retry now). `write` must be safe to run
    again: its one write that is not idempotent comes last. A MockGone (another window
    changed the mock) is the screen's `show_gone()`, and drops what waits."""

    RETRY_SECONDS = 3.0
    _retry_timer = None

    @property
    def _waiting(self) -> list[tuple[str, Callable[[], None]]]:
        if "_writes_waiting" not in vars(self):
            self._writes_waiting = []
        return self._writes_waiting

    @property
    def unsaved(self) -> str | None:
        """What is waiting to be saved (None: everything shown is on disk)."""
        return self._waiting[0][0] if self._waiting else None

    def _save(self, what: str, write: Callable[[], None]) -> bool:
        """Run `write` (after what waits, if anything does); True once all of it is on disk."""
        waiting = self._waiting
        if not waiting or waiting[-1][0] != what:
            waiting.append((what, write))
        return self._flush()

    def _flush(self, *, retrying: bool = False) -> bool:
        self._stop_retrying()
        waiting = self._waiting
        while waiting:
            what, write = waiting[0]
            try:
                write()
            except MockGone:
                self._clear_unsaved()
                self.show_gone()
                return False
            except WriteFailed as exc:
                then = "".join(f"; then {escape(w)}" for w, _ in waiting[1:])
                banner = self.query_one("#mock-unsaved", Static)
                banner.update(f"[b]Not saved:[/b] {escape(str(exc))} ({escape(what)}{then}). Retrying every "
                              f"{self.RETRY_SECONDS:g} s; nothing moves on until it is saved.")
                banner.display = True
                self._retry_timer = self.set_timer(self.RETRY_SECONDS, self._retry)
                return False
            waiting.pop(0)
            if retrying:
                self.notify(f"Saved ({escape(what)}).", timeout=3)
        self._clear_unsaved()
        return True

    def _retry(self) -> None:
        self._retry_timer = None
        if not self._waiting:
            return
        if not self.is_current:  # a screen on top (the coding question) is what the learner sees
            self._retry_timer = self.set_timer(self.RETRY_SECONDS, self._retry)
            return
        self._flush(retrying=True)

    def _stop_retrying(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _clear_unsaved(self) -> None:
        self._stop_retrying()
        self._waiting.clear()
        try:
            self.query_one("#mock-unsaved", Static).display = False
        except Exception:  # noqa: BLE001 - the screen is closing: no banner to hide
            pass

    def refuse_while_unsaved(self) -> bool:
        """True (and said) when something is not saved yet: the key waits for the retry."""
        if not self._waiting:
            return False
        self.notify(f"Not saved yet ({escape(self.unsaved)}): wait for the retry (see above).",
                    severity="warning", timeout=4)
        return True

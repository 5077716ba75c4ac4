"""A review write that did not reach the disk: it is said, retried, and never passed over.

Each key of the review (a grade, undo, bury, suspend) is a `write` that commits and then
redraws. Mixed into ReviewScreen rather than written there so that the screen holds only the
keys; the retry rules are tested through the screen (tests/test_write_failures.py).
"""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static


class SaveAndRetry:
    """Mixed into ReviewScreen (a Screen with an `#unsaved` banner and `_key`): keeps
    `_unsaved` (what, the write to retry) and `_retry_timer`."""

    RETRY_SECONDS = 3.0

    def _save(self, what: str, write, *, retrying: bool = False) -> bool:
        """Run `write` (a session write, then the redraw). If the write fails the session is
        as it was: the card stays on screen, the reason is shown, and it is retried until it
        is saved, another key replaces it, or the learner drops it (u)."""
        from flashdeck.services.study import WriteFailed  # SQLAlchemy: not before a quick start's first card

        self._stop_retrying()
        try:
            write()
        except WriteFailed as exc:
            self._unsaved = (what, write)
            banner = self.query_one("#unsaved", Static)
            banner.update(f"[b red]Not saved[/] ({escape(what)}): {escape(str(exc))}. Retrying every "
                          f"{self.RETRY_SECONDS:g} s; press the key again to retry now, "
                          f"{self._key('review.undo', 'u')} to drop it.")
            banner.display = True
            self._retry_timer = self.set_timer(self.RETRY_SECONDS, self._retry)
            return False
        was_unsaved, self._unsaved = self._unsaved, None
        self.query_one("#unsaved", Static).display = False
        if was_unsaved is not None and retrying:
            self.notify(f"Saved ({escape(was_unsaved[0])}).", timeout=3)
        return True

    def _retry(self) -> None:
        if self._unsaved is not None:
            what, write = self._unsaved
            self._save(what, write, retrying=True)

    def _stop_retrying(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _drop_unsaved(self) -> None:
        self._stop_retrying()
        self._unsaved = None
        self.query_one("#unsaved", Static).display = False

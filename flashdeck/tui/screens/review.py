"""Review: front, reveal, grade 0-5; undo, bury, suspend. Every grade is committed first.

Math and scenario cards can take a typed answer (a formula sympy checks, the key points it
covers), but the review keys never depend on it: with `ui.type_answers = "auto"` the answer
box waits for t, so space and 0-5 work as on a concept card; "always" focuses the box on
arrival (Esc leaves it, space in an empty box shows the answer); "never" has no box. After a
check or a reveal the focus is back on the screen, where the review keys act.

This module holds the keys and the session; the card as drawn is tui.review_card, and a write
that fails is retried by tui.review_saving.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from flashdeck.domain.sm2 import QUALITY_MEANINGS
from flashdeck.tui.actions import bindings
from flashdeck.tui.places import Place
from flashdeck.tui.review_card import ReviewCardView
from flashdeck.tui.review_saving import SaveAndRetry
from flashdeck.tui.widgets.card_text import CardText

if TYPE_CHECKING:  # SQLAlchemy: a quick start imports it in the background, after the first card
    from flashdeck.domain.cards import CardView
    from flashdeck.services.study import StudySession


class ReviewScreen(ReviewCardView, SaveAndRetry, Screen):
    BINDINGS = bindings("ReviewScreen")
    AUTO_FOCUS = "#card"  # never an answer box: it takes the focus only as type_answers says

    def __init__(self, deck_ids: list[str] | None = None, *, leave_quits: bool = False,
                 topics: list[str] | None = None, cram: bool = False):
        super().__init__()
        self.deck_ids = deck_ids
        self.leave_quits = leave_quits
        self.topics = topics  # chosen topics: every card of them now, due or not
        self.cram = cram  # grades logged, schedule untouched
        self.session: StudySession | None = None
        # a quick start's first card (read without SQLAlchemy), shown until the session is open
        self.preview: CardView | None = None
        self.preview_queued = 0
        self._pending: list = []  # actions pressed before that session opened, run once it has
        self.revealed = False
        self.shown_at = time.monotonic()
        self.suggested: int | None = None  # the grade the formula check suggests
        self._checked: str | None = None  # the formula text last sent to sympy (see reveal)
        self._unsaved = None  # (what, the write to retry) when the last one did not reach the disk
        self._retry_timer = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Static(id="status")
            yield Static(id="unsaved")
            with VerticalScroll(id="card"):
                yield CardText(id="front")
                yield Static(id="symbols")
                yield Static(id="feedback")
                yield Static("─── answer ───", id="divider")
                yield CardText(id="back")
                yield Static(id="expected")
                yield Static(id="points")
                yield CardText(id="explanation")
                yield Static(id="source")
            yield Static(id="grades")
        yield Footer()

    def on_mount(self) -> None:
        quick = self.app.quick
        if self.app.ctx is None and quick is not None:
            self.preview, self.preview_queued = quick.first, quick.queued
            self.show_current()
            self.call_after_refresh(self._open_session)  # once the card is on screen
            return
        from flashdeck.services.study import StudySession  # SQLAlchemy: a quick start's is opened in _open_session

        self.session = StudySession(self.app.ctx, self.deck_ids, topics=self.topics, cram=self.cram)
        self.show_current()

    @property
    def current(self) -> CardView | None:
        return self.session.current if self.session is not None else self.preview

    @work(thread=True, exit_on_error=False, group="open")
    def _open_session(self) -> None:
        """The quick start's second half: the Context (SQLAlchemy import, deck sync) and the
        session, in a thread so that the card on screen already answers keys."""
        try:
            ctx, report = self.app.opener()
        except Exception as exc:  # noqa: BLE001 - the learner sees it, the app ends
            self.app.call_from_thread(self.app.exit, None, 1, f"flashdeck: {exc}")
            return
        try:
            from flashdeck.services.study import StudySession  # SQLAlchemy, in this thread: after the first card

            session = StudySession(ctx, self.deck_ids, topics=self.topics, cram=self.cram)
            self.app.call_from_thread(self._session_opened, ctx, report, session)
        except BaseException:
            ctx.close()  # the app ended first (or the session could not be read)
            raise

    def _session_opened(self, ctx, report, session: StudySession) -> None:
        self.app.context_opened(ctx, report)
        self.session = session
        shown = self.preview
        if session.current is None or shown is None or session.current.id != shown.id:
            self._pending.clear()  # the sync changed the queue: those keys were for another card
            self.show_current()
            return
        self.query_one("#status", Static).update(self._status_text(session.current))
        pending, self._pending = self._pending, []
        for action in pending:
            action()

    def _opening(self, then=None) -> bool:
        """True while a quick start is still opening the collection; `then` runs once it is
        open (a grade pressed in the first half second is kept, not dropped)."""
        if self.session is not None:
            return False
        if then is not None and not self._pending:
            self._pending.append(then)
            self.notify("Opening your collection… your answer is saved in a moment.", timeout=2)
        else:
            self.notify("Still opening your collection… one moment.", timeout=2)
        return True

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """t (and its footer entry) only where there is a box to type in. While a box has the
        focus, Textual itself leaves out the keys it types (answer_box.py)."""
        if action == "type_answer":
            return self._open_box() is not None and not self._typing()
        return True


    def _open_drill(self) -> bool:
        view = self.current
        if view is None or view.card.kind != "drill":
            return False
        if self._opening(then=self._open_drill):
            return True
        opened = self.__dict__.setdefault("_drills_opened", set())  # a second visit resumes
        fresh = view.id not in opened
        opened.add(view.id)

        def closed(quality: int | None) -> None:
            if quality is not None:
                opened.discard(view.id)  # if it comes back today, it starts from scratch again
            self.show_current()

        self.app.go(Place.DRILL, drill_id=view.card.drill, fresh=fresh, study=self.session, then=closed)
        return True

    # -- actions -------------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self._open_drill():
            return
        if self.revealed and self.suggested is not None:
            self.action_grade(self.suggested)
            return
        self.reveal()

    def action_type_answer(self) -> None:
        """t: into the answer box (what was typed before Esc is still there)."""
        box = self._open_box()
        if box is not None:
            box.focus()

    def action_grade(self, quality: int) -> None:
        if self.current is None:
            return
        if self.current.card.kind == "drill":
            self.notify("A drill is graded by how it goes: press Enter to open it.", timeout=3)
            return
        if not self.revealed:
            self.notify("Show the answer first (space), then grade 0-5.", timeout=3)
            return
        duration = int((time.monotonic() - self.shown_at) * 1000)
        if self._opening(then=lambda: self._grade(quality, duration)):
            return
        self._grade(quality, duration)

    def _grade(self, quality: int, duration: int) -> None:
        def write() -> None:
            view = self.current
            leech = self.session.grade(quality, duration)  # committed before the next card is drawn
            self.show_current()
            if leech:
                self.notify(f"{escape(view.card.key)} has lapsed {view.lapses + 1} times: it is a leech and is "
                            "now suspended. Consider rewriting it (split it, add an example or a mnemonic); "
                            f"{self._undo_hint()}.", title="Leech", severity="warning", timeout=12)

        self._save(f"grade {quality}", write)

    def action_undo(self) -> None:
        from flashdeck.services.study import StaleUndo  # SQLAlchemy: not before a quick start's first card

        if self._opening():
            return
        if self._unsaved is not None:
            self._drop_unsaved()  # undoing a grade that never reached the disk: nothing to undo
            self.notify("The grade that was not saved is dropped; grade the card again.", timeout=4)
            return

        def write() -> None:
            try:
                what = self.session.undo()
            except StaleUndo as exc:
                self.notify(str(exc), severity="warning")
                return
            self.notify(f"Undid {what}.", timeout=2)
            self.show_current()

        self._save("undo", write)

    def action_bury(self) -> None:
        if self.current is None or self._opening(then=self.action_bury):
            return

        def write() -> None:
            self.session.bury()
            self.show_current()
            self.notify(f"Buried until tomorrow ({self._undo_hint()}).", timeout=2)

        self._save("bury", write)

    def action_suspend(self) -> None:
        if self.current is None or self._opening(then=self.action_suspend):
            return

        def write() -> None:
            self.session.suspend()
            self.show_current()
            self.notify(f"Suspended: it won't be shown until you unsuspend it ({self._undo_hint()}).", timeout=3)

        self._save("suspend", write)

    # -- a write that did not reach the disk: said, retried, never passed over ------------
    def _undo_hint(self) -> str:
        """How to undo from here: on a card whose answer box has the focus (type_answers =
        "always"), u would be typed into it."""
        undo = f"{self._key('review.undo', 'u')} to undo"
        focusing = self.type_answers == "always" and self._open_box() is not None  # focus() lands later
        return f"Esc, then {undo}" if self._typing() or focusing else undo

    def action_escape(self) -> None:
        """Esc first leaves the answer box (keeping what was typed), then the screen."""
        if self._typing():
            self.focus_screen()
            return
        self.action_leave()

    def action_leave(self) -> None:
        if self._unsaved is not None:
            self.notify(f"Your {escape(self._unsaved[0])} is not saved yet (see above): wait for the retry, "
                        f"or press {self._key('review.undo', 'u')} to drop it, then leave.",
                        severity="warning", timeout=6)
            return
        if self.leave_quits:
            self.app.exit()
        else:
            self.app.pop_screen()


__all__ = ["ReviewScreen", "QUALITY_MEANINGS"]

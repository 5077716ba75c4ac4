"""A review session: the queue of today's cards, grading, undo, bury and suspend.

Every grade is committed before `current` moves on, so the screen never shows a card whose
predecessor's grade could still be lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flashdeck.domain.cards import CardView
from flashdeck.domain.interview import weakest_first_at
from flashdeck.domain.review import GradeOutcome
from flashdeck.services.context import Context
from flashdeck.store import study as store
from flashdeck.store.db import WriteFailed
from flashdeck.store.study import StaleUndo

# WriteFailed: a grade, bury, suspend or undo that is not on disk; the session is as it was
__all__ = ["StudySession", "StaleUndo", "Progress", "WriteFailed"]


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    left: int


@dataclass(frozen=True, slots=True)
class _Step:
    """What one action did, so that undo can put the queue back too."""

    card_id: int
    log_id: int | None  # None for bury / suspend
    action: str  # "grade" | "bury" | "suspend"
    requeued: bool
    leech: bool = False  # the grade made the card a leech and suspended it


class StudySession:
    """Today's queue of these decks; or, with `topics` or `cram`, every reviewable card of the
    chosen decks and topics now, due or not (no daily limits). `cram`: grades are logged
    (mode "cram") but no card's schedule moves. Validate topic ids first (services.selection)."""

    def __init__(self, ctx: Context, deck_ids: list[str] | None = None, *,
                 topics: list[str] | None = None, cram: bool = False):
        self.ctx = ctx
        self.deck_ids = list(deck_ids) if deck_ids else None
        self.topics = list(topics) if topics else None
        self.cram = cram
        self.day = ctx.today()
        with ctx.db.read() as session:
            settings = ctx.settings
            if self.topics or cram:
                self._queue: list[int] = store.chosen(session, self.day, self.deck_ids, self.topics)
            else:
                self.new_introduced = store.introduced_on(session, self.day)
                new_left = max(0, settings.new_per_day - self.new_introduced)
                reviews_left = max(0, settings.reviews_per_day - store.reviews_started_on(session, self.day))
                weakest_at = weakest_first_at(getattr(settings, "interview_date", None), self.day, ctx.now().tzinfo)
                self._queue = store.queue(session, self.day, self.deck_ids, new_left, reviews_left,
                                          weakest_at=weakest_at)
        self._history: list[_Step] = []
        self._done = 0
        self._current: CardView | None = None
        self._advance()

    # -- reading -------------------------------------------------------------------------

    @property
    def current(self) -> CardView | None:
        return self._current

    @property
    def progress(self) -> Progress:
        return Progress(done=self._done, left=len(self._queue))

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    def next_due(self):
        with self.ctx.db.read() as session:
            return store.next_due(session, self.deck_ids, self.day)

    def new_held_back(self) -> int:
        """New cards of this selection that today's new-card limit keeps out (0 in cram)."""
        if self.topics or self.cram:
            return 0
        with self.ctx.db.read() as session:
            introduced = self.new_introduced = store.introduced_on(session, self.day)
            if introduced < self.ctx.settings.new_per_day:
                return 0
            return store.new_waiting(session, self.day, self.deck_ids)

    # -- acting --------------------------------------------------------------------------

    def grade(self, quality: int, duration_ms: int = 0) -> bool:
        """Commit the grade, then move on. True if it made the card a leech (now suspended)."""
        card = self._require_current()
        with self.ctx.db.write() as session:
            outcome = store.grade(session, card.id, quality, self.day, self.ctx.now_utc(), duration_ms,
                                  leech_threshold=self.ctx.settings.leech_threshold, cram=self.cram,
                                  interview=self.ctx.interview_plan(), fsrs=self.ctx.fsrs_choice())
        self._graded(card.id, outcome)
        return outcome.leech

    def is_current_drill(self, drill_id: str) -> bool:
        """Is the current card this drill's? Its attempt's end then grades it in this session."""
        view = self._current
        return view is not None and view.card.kind == "drill" and view.card.drill == drill_id

    def drill_graded(self, card_id: int, outcome: GradeOutcome) -> None:
        """The current drill card was graded by its attempt's end (services.drills, already
        committed): the queue moves on and undo knows that grade, as after `grade`."""
        if self._current is None or self._current.id != card_id:
            return  # another card's grade: this session's queue is not concerned
        self._graded(card_id, outcome)

    def _graded(self, card_id: int, outcome: GradeOutcome) -> None:
        self._queue.pop(0)
        if outcome.repeat_today:
            self._queue.append(card_id)
        self._history.append(_Step(card_id, outcome.log_id, "grade", outcome.repeat_today, outcome.leech))
        self._done += 1
        self._advance()

    def bury(self) -> None:
        card = self._require_current()
        with self.ctx.db.write() as session:
            store.set_buried(session, card.id, self.day + timedelta(days=1))
        self._queue.pop(0)
        self._history.append(_Step(card.id, None, "bury", False))
        self._advance()

    def suspend(self) -> None:
        card = self._require_current()
        with self.ctx.db.write() as session:
            store.set_suspended(session, card.id, True)
        self._queue.pop(0)
        self._history.append(_Step(card.id, None, "suspend", False))
        self._advance()

    def undo(self) -> str:
        """Undo the last action; the card it touched becomes current again. Returns a label."""
        if not self._history:
            raise StaleUndo("nothing to undo in this session")
        step = self._history[-1]
        with self.ctx.db.write() as session:
            if step.action == "grade":
                store.undo(session, step.log_id, unsuspend=step.leech)
            elif step.action == "bury":
                store.set_buried(session, step.card_id, None)
            else:
                store.set_suspended(session, step.card_id, False)
        self._history.pop()
        if step.requeued:
            # the repeat was appended at the end; take the last occurrence out
            index = len(self._queue) - 1 - self._queue[::-1].index(step.card_id)
            self._queue.pop(index)
        if step.action == "grade":
            self._done -= 1
        self._queue.insert(0, step.card_id)
        self._current = None
        self._advance()
        return step.action

    # -- internals -----------------------------------------------------------------------

    def _require_current(self) -> CardView:
        if self._current is None:
            raise LookupError("no card to act on: the session is finished")
        return self._current

    def _advance(self) -> None:
        """Show the next card still reviewable (another process may have suspended one)."""
        with self.ctx.db.read() as session:
            while self._queue:
                card_id = self._queue[0]
                if store.is_available(session, card_id, self.day):
                    self._current = store.view(session, card_id)
                    return
                self._queue.pop(0)
        self._current = None

"""Each card's memory, beside the scheduler: FSRS stability and difficulty, replayed from the
review log, and from them a predicted probability of recall on any date (issue 18).

SM-2 decides when a card comes back; it cannot say how likely the learner is to recall it on a
given day. FSRS can (py-fsrs, the `fsrs` package, version 6, is the reference). The review log
is the truth: a memory state is always the fold of `step` over a card's log rows, oldest first,
so it can be rebuilt at any time and never needs storing. Every graded row counts, cram and
mock included: each one was a real attempt at recall, which is what the model learns from.

Grades map to FSRS ratings as the Anki manual maps SM-2's buttons: 0-2 Again (not recalled),
3 Hard, 4 Good, 5 Easy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from flashdeck.domain.calibration import LoggedReview, Prediction, add_sums, sm2_recall
from flashdeck.domain.readiness import recall

RATING_OF_GRADE: dict[int, Rating] = {0: Rating.Again, 1: Rating.Again, 2: Rating.Again,
                                      3: Rating.Hard, 4: Rating.Good, 5: Rating.Easy}


def rating(grade: int) -> Rating:
    try:
        return RATING_OF_GRADE[grade]
    except KeyError:
        raise ValueError(f"a grade is 0-5, not {grade!r}") from None


def _utc(when: datetime) -> datetime:
    # the log stores naive UTC; py-fsrs wants aware UTC
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


@dataclass(frozen=True, slots=True)
class Review:
    """One graded log row, as the memory model reads it."""

    at: datetime  # UTC, naive or aware
    grade: int  # 0-5


@dataclass(frozen=True, slots=True)
class Memory:
    """A card's memory after its reviews so far."""

    stability: float  # days until recall drops to 90%
    difficulty: float  # 1 (easy) .. 10 (hard)
    last_review: datetime  # aware UTC
    reviews: int
    _card: FsrsCard = field(compare=False, repr=False)  # py-fsrs's own state, for the next step

    @property
    def due(self) -> datetime:
        """When FSRS would bring the card back (aware UTC), as scheduled by the step that made
        this memory (a memory read back from the store has no due of its own)."""
        return self._card.due


def memory_fields(memory: Memory) -> dict:
    """The columns a memory is stored as (store.models.CardMemoryRow): the last review as POSIX
    seconds, which readiness reads for 10,000 cards without parsing a date."""
    card = memory._card
    return {"stability": card.stability, "difficulty": card.difficulty, "state": int(card.state),
            "step": card.step, "last_review_ts": card.last_review.timestamp(),
            "reviews": memory.reviews}


def memory_from(stability: float, difficulty: float, state: int, step: int | None, last_review_ts: float,
                reviews: int) -> Memory:
    """A stored memory back (the inverse of memory_fields)."""
    at = datetime.fromtimestamp(last_review_ts, timezone.utc)
    card = FsrsCard(card_id=0, state=State(state), step=step, stability=stability, difficulty=difficulty,
                    due=at, last_review=at)  # (due is the scheduler's; the memory does not read it)
    return Memory(stability, difficulty, at, reviews, card)


class MemoryModel:
    """FSRS with the given parameters (py-fsrs's defaults unless fitted to the learner).

    Fuzzing is off: a memory state is a pure function of the log, the same on every replay.
    """

    def __init__(self, parameters: Sequence[float] | None = None, desired_retention: float = 0.9):
        kwargs = {} if parameters is None else {"parameters": tuple(parameters)}
        self._scheduler = Scheduler(enable_fuzzing=False, desired_retention=desired_retention, **kwargs)

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self._scheduler.parameters)

    def step(self, memory: Memory | None, review: Review) -> Memory:
        """The memory after one more review (None: the card's first)."""
        card = FsrsCard(card_id=0) if memory is None else memory._card  # (an id py-fsrs would draw from the clock)
        card, _ = self._scheduler.review_card(card, rating(review.grade), _utc(review.at))
        return Memory(card.stability, card.difficulty, card.last_review,
                      1 if memory is None else memory.reviews + 1, card)

    def replay(self, reviews: Iterable[Review]) -> Memory | None:
        """The memory after `reviews`, oldest first (None when there are none)."""
        memory = None
        for review in reviews:
            memory = self.step(memory, review)
        return memory

    def recall(self, memory: Memory | None, when: datetime) -> float:
        """Predicted probability of recall at `when`; 0 for a card never reviewed (nothing learned
        yet). FSRS's forgetting curve, R = (1 + F t/S)^-decay with R = 90% at t = S, where py-fsrs
        counts t in whole days since the last review (its get_card_retrievability, computed here
        from the stability alone, so that a stored memory needs no py-fsrs card to be read)."""
        if memory is None:
            return 0.0
        return recall(memory.stability, (_utc(when) - _utc(memory.last_review)).days, self.decay)

    @property
    def decay(self) -> float:
        """The forgetting curve's decay d > 0 (py-fsrs's w[20])."""
        return self._scheduler.parameters[20]


def predict(memory: Memory | None, review: LoggedReview, model: MemoryModel) -> Prediction | None:
    """The prediction for `review` from the card's memory before it (None: not predictable)."""
    if memory is None:
        return None
    elapsed = (_utc(review.at) - memory.last_review).days
    if elapsed < 1:
        return None
    return Prediction(fsrs=model.recall(memory, review.at),
                      sm2=sm2_recall(review.interval_before, elapsed, model.decay),
                      recalled=review.grade >= 3)


def forward(reviews: Sequence[LoggedReview], model: MemoryModel) -> tuple[list[Prediction | None], Memory | None]:
    """One card's reviews, oldest first: each predicted from the memory of those before it,
    then folded in. Nothing a prediction reads comes from its own review or a later one.
    Returns the predictions and the memory after them all."""
    memory, out = None, []
    for review in reviews:
        out.append(predict(memory, review, model))
        memory = model.step(memory, Review(review.at, review.grade))
    return out, memory


def derived(histories: Iterable[tuple[int, Sequence[LoggedReview]]], model: MemoryModel) -> tuple[list[dict], list[dict]]:
    """What the log gives, as the rows of card_memory and calibration_sums: each card's memory
    after its whole history (card id, reviews oldest first), and the predictions' sums by bins.
    (store.memory.rebuild_all and migration 0005 write these.)"""
    memories, totals = [], {}
    for card_id, history in histories:
        said, memory = forward(history, model)
        for prediction in said:
            if prediction is not None:
                add_sums(totals, prediction)
        memories.append({"card_id": card_id, **memory_fields(memory)})
    sums = [{"fsrs_bin": fsrs_bin, "sm2_bin": sm2_bin, **part} for (fsrs_bin, sm2_bin), part in sorted(totals.items())]
    return memories, sums


@dataclass(frozen=True, slots=True)
class Readiness:
    """The predicted share of cards recalled at one moment."""

    when: datetime
    overall: float  # mean predicted recall over the cards (0 with no cards)
    by_topic: dict[str, float]  # the same mean per syllabus topic (a card counts in each of its topics)
    at_risk: tuple[tuple[str, float], ...]  # the weakest cards' keys and their recall, weakest first


def readiness(model: MemoryModel, memories: Mapping[str, Memory | None],
              topics: Mapping[str, Sequence[str]], when: datetime, *, at_risk: int = 10) -> Readiness:
    """Readiness at `when` over the cards in `memories` (card key -> memory; None: never reviewed),
    through py-fsrs's own model: the reference the tests hold domain.readiness (the figures the
    stats read, without py-fsrs) to.

    A card never reviewed is predicted as not recalled: it counts, and pulls readiness down, as
    an unseen syllabus item would in the interview. `at_risk` lists the weakest reviewed cards
    first (ties by key), then unseen ones."""
    recall = {key: model.recall(memory, when) for key, memory in memories.items()}
    overall = sum(recall.values()) / len(recall) if recall else 0.0
    per_topic: dict[str, list[float]] = {}
    for key, p in recall.items():
        for topic in dict.fromkeys(topics.get(key, ())):
            per_topic.setdefault(topic, []).append(p)
    by_topic = {t: sum(ps) / len(ps) for t, ps in sorted(per_topic.items())}
    ranked = sorted(recall.items(), key=lambda kv: (memories[kv[0]] is None, kv[1], kv[0]))
    return Readiness(when, overall, by_topic, tuple(ranked[:at_risk]))

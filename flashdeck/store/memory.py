"""What is derived from the review log, kept beside it: card_memory (each card's FSRS memory)
and calibration_sums (what FSRS and SM-2 predicted before each review, summed by bins). A grade
adds its review to both (`remember`), an undo takes it out (`take_back`), and `rebuild_all`
recomputes both from the whole log. Readiness and calibration read them (store.readiness,
store.calibration)."""

from __future__ import annotations

from itertools import groupby
from typing import Iterator

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from flashdeck.domain.calibration import LoggedReview, Prediction, sums_key, sums_of
from flashdeck.domain.memory import Memory, MemoryModel, Review, derived, memory_fields, memory_from, predict
from flashdeck.store.models import CalibrationSumsRow, CardMemoryRow, FsrsParametersRow, ReviewLogRow

_MODELS: dict[tuple[tuple[float, ...] | None, float], MemoryModel] = {}


def fitted_parameters(session: Session) -> tuple[float, ...] | None:
    """The learner's fitted FSRS parameters (`flashdeck fsrs optimize`); None: py-fsrs's defaults."""
    row = session.get(FsrsParametersRow, 1)
    return None if row is None else tuple(row.parameters)


def model_for(session: Session, desired_retention: float = 0.9) -> MemoryModel:
    """The collection's model (its fitted parameters, else the defaults) with this desired
    retention: memories are the same for every retention; only FSRS's due dates depend on it."""
    key = (fitted_parameters(session), desired_retention)
    model = _MODELS.get(key)
    if model is None:
        model = _MODELS[key] = MemoryModel(key[0], desired_retention=desired_retention)
    return model


def store_parameters(session: Session, parameters: tuple[float, ...] | None, reviews: int, now) -> None:
    """Keep fitted parameters (None: back to the defaults) and replay every card's memory with
    them. The calibration sums stay as they were scored: each was predicted, before its review,
    by the parameters of that day, and refitting must not score old reviews in hindsight."""
    row = session.get(FsrsParametersRow, 1)
    if parameters is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(FsrsParametersRow(id=1, parameters=list(parameters), reviews=reviews, fitted_at=now))
    else:
        row.parameters, row.reviews, row.fitted_at = list(parameters), reviews, now
    session.flush()
    memories, _ = derived(reviews_by_card(session), model_for(session))
    _replace(session, CardMemoryRow, memories)


def stored_memory(session: Session, card_id: int) -> Memory | None:
    row = session.get(CardMemoryRow, card_id)
    if row is None:
        return None
    return memory_from(row.stability, row.difficulty, row.state, row.step, row.last_review_ts, row.reviews)


def remember(session: Session, card_id: int, review: LoggedReview, model: MemoryModel) -> Memory:
    """A grade's review (its card's newest): what the memory predicted for it, from the reviews
    before it only, goes into the sums; then the memory moves one review on. Returns it, with
    the due date `model` (its desired retention) gives."""
    memory = stored_memory(session, card_id)
    _count(session, predict(memory, review, model), +1)
    after = model.step(memory, Review(review.at, review.grade))
    _store_memory(session, card_id, after)
    return after


def take_back(session: Session, card_id: int, review: LoggedReview) -> None:
    """After an undo deleted the card's newest review: the memory replayed from the rows left,
    and the prediction that review had taken back out of the sums."""
    rows = session.execute(select(ReviewLogRow.reviewed_at, ReviewLogRow.quality)
                           .where(ReviewLogRow.card_id == card_id)
                           .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id))
    model = model_for(session)
    memory = model.replay(Review(at, quality) for at, quality in rows)
    _count(session, predict(memory, review, model), -1)
    _store_memory(session, card_id, memory)


def _count(session: Session, prediction: Prediction | None, sign: int) -> None:
    if prediction is None:
        return
    fsrs_bin, sm2_bin = sums_key(prediction)
    part = sums_of(prediction, sign)
    row = session.get(CalibrationSumsRow, (fsrs_bin, sm2_bin))
    if row is None:
        if sign > 0:  # (taking out a review from bins that have none: nothing to take)
            session.add(CalibrationSumsRow(fsrs_bin=fsrs_bin, sm2_bin=sm2_bin, **part))
        return
    for name, value in part.items():
        setattr(row, name, getattr(row, name) + value)
    if row.reviews == 0:  # the bins' last review taken back out: no row, as before it came
        session.delete(row)


def _store_memory(session: Session, card_id: int, memory: Memory | None) -> None:
    row = session.get(CardMemoryRow, card_id)
    if memory is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(CardMemoryRow(card_id=card_id, **memory_fields(memory)))
    else:
        for name, value in memory_fields(memory).items():
            setattr(row, name, value)


def reviews_by_card(session: Session) -> Iterator[tuple[int, list[LoggedReview]]]:
    """(card id, its reviews oldest first) for every card with a review; the log's index on
    (card_id, reviewed_at) gives this order without a sort."""
    rows = session.execute(
        select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality, ReviewLogRow.interval_before)
        .order_by(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.id)
    )
    for card_id, group in groupby(rows, key=lambda row: row[0]):
        yield card_id, [LoggedReview(at, quality, interval) for _, at, quality, interval in group]


def rebuild_all(session: Session, model: MemoryModel) -> int:
    """card_memory and calibration_sums recomputed from the whole log with `model`, as migration
    0005 computes them: for a log written by other means (the benchmark's, some tests').
    Returns the cards with a memory."""
    memories, sums = derived(reviews_by_card(session), model)
    _replace(session, CalibrationSumsRow, sums)
    _replace(session, CardMemoryRow, memories)
    return len(memories)


def _replace(session: Session, table, rows: list[dict]) -> None:
    session.execute(delete(table))
    if rows:
        session.execute(insert(table), rows)

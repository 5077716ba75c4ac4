"""Rows <-> domain objects. The only place that knows both shapes."""

from __future__ import annotations

from fractions import Fraction

from flashdeck.domain.cards import Card
from flashdeck.domain.review import CardProgress, LogEntry
from flashdeck.domain.sm2 import SM2State
from flashdeck.store.card_columns import card_from_columns
from flashdeck.store.models import CardRow, CardStateRow, ReviewLogRow


def state_of(row: CardStateRow) -> SM2State:
    return SM2State(
        repetitions=row.repetitions,
        easiness=Fraction(row.easiness_pct, 100),
        interval=row.interval,
        due=row.due,
        needs_extra_review=row.needs_extra_review,
    )


def easiness_pct(easiness: Fraction) -> int:
    pct = easiness * 100
    if pct.denominator != 1:  # SM-2 moves EF in steps of 0.02; anything else is a bug upstream
        raise ValueError(f"easiness {easiness} is not a whole number of hundredths")
    return int(pct)


def apply_state(row: CardStateRow, state: SM2State) -> None:
    row.repetitions = state.repetitions
    row.easiness_pct = easiness_pct(state.easiness)
    row.interval = state.interval
    row.due = state.due
    row.needs_extra_review = state.needs_extra_review


def progress_of(row: CardStateRow) -> CardProgress:
    return CardProgress(schedule=state_of(row), lapses=row.lapses, suspended=row.suspended,
                        introduced_on=row.introduced_on)


def apply_progress(row: CardStateRow, progress: CardProgress) -> None:
    apply_state(row, progress.schedule)
    row.lapses = progress.lapses
    row.suspended = progress.suspended
    row.introduced_on = progress.introduced_on


def log_row(card_id: int, entry: LogEntry) -> ReviewLogRow:
    before, after = entry.before, entry.after.schedule
    return ReviewLogRow(
        card_id=card_id, reviewed_at=entry.reviewed_at, study_day=entry.study_day, quality=entry.quality,
        duration_ms=entry.duration_ms, mode=entry.mode,
        reps_before=before.schedule.repetitions, ease_before=easiness_pct(before.schedule.easiness),
        interval_before=before.schedule.interval, due_before=before.schedule.due,
        extra_before=before.schedule.needs_extra_review, lapses_before=before.lapses,
        introduced_before=before.introduced_on,
        reps_after=after.repetitions, ease_after=easiness_pct(after.easiness), interval_after=after.interval,
        due_after=after.due, extra_after=after.needs_extra_review,
    )


def card_of(row: CardRow) -> Card:
    return card_from_columns(deck_id=row.deck_id, card_id=row.card_id, kind=row.kind, topics=row.topics,
                             front=row.front, back=row.back, explanation=row.explanation, source=row.source,
                             extra=row.extra, line=row.line)


def card_fields(card: Card) -> dict:
    """The columns a card's content fills (everything the YAML says about it)."""
    extra = {}
    if card.answer:
        extra["answer"] = card.answer
    if card.variables:
        extra["variables"] = [list(p) for p in card.variables]
    if card.key_points:
        extra["key_points"] = [list(p) for p in card.key_points]
    if card.drill:
        extra["drill"] = card.drill
    return {
        "kind": card.kind,
        "topics": list(card.topics),
        "front": card.front,
        "back": card.back,
        "explanation": card.explanation,
        "source": card.source,
        "extra": extra,
    }

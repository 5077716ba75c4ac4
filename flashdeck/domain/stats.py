"""The figures of `flashdeck stats`, the statistics screen and the home screen's line, as types.

store.stats reads them, services.stats adds what depends on the daily limits, services.stats_text and
the statistics screen draw them. `as_json()` is what `flashdeck stats --json` prints: scripts
read it, so each field is named and ordered as its key there (a snapshot test holds the text
to that), and `from_json` reads it back. No SQLAlchemy and nothing heavy: the quick way of
`flashdeck stats` builds these on its 0.5 s budget.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from flashdeck.domain.card_state import STATES, CardState
from flashdeck.domain.calibration import CalibrationFigures
from flashdeck.domain.readiness import ReadinessFigures

Json = dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (_Figure, ReadinessFigures, CalibrationFigures)):
        return value.as_json()
    return value


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class _Figure:
    """`as_json`: the fields in their order, days as ISO text, tuples as lists."""

    def as_json(self) -> Json:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Today(_Figure):
    """Reviews so far on the study day (every mode: cram and mock grades too)."""

    reviews: int
    cards: int  # distinct cards reviewed
    seconds: float  # time spent answering, to a tenth

    @classmethod
    def from_json(cls, d: Json) -> Today:
        return cls(**d)


@dataclass(frozen=True)
class Retention(_Figure):
    """Mature reviews (interval before >= min_interval days, cram left out) passed (graded 3+)."""

    window_days: int
    min_interval: int
    reviews: int
    passed: int
    rate: float | None  # None: no mature review in the window

    @classmethod
    def from_json(cls, d: Json) -> Retention:
        return cls(**d)


@dataclass(frozen=True)
class DayReviews(_Figure):
    """A day of the last 30: reviews in every mode and the time spent answering."""

    date: date
    reviews: int  # every mode
    seconds: float

    @classmethod
    def from_json(cls, d: Json) -> DayReviews:
        return cls(date.fromisoformat(d["date"]), d["reviews"], d["seconds"])


@dataclass(frozen=True)
class DayDue(_Figure):
    """A day of the next 30: the cards (not retired or suspended) due then."""

    date: date
    due: int  # on the first day, the overdue cards too

    @classmethod
    def from_json(cls, d: Json) -> DayDue:
        return cls(date.fromisoformat(d["date"]), d["due"])


@dataclass(frozen=True)
class DayCount(_Figure):
    """One square of the heatmap."""

    date: date
    reviews: int

    @classmethod
    def from_json(cls, d: Json) -> DayCount:
        return cls(date.fromisoformat(d["date"]), d["reviews"])


@dataclass(frozen=True)
class DeckCounts(_Figure):
    """A deck's cards by state (each in one: domain.card_state) and its leeches."""

    deck: str
    title: str
    total: int
    new: int
    learning: int
    young: int
    mature: int
    suspended: int
    leeches: int

    def by_state(self) -> dict[CardState, int]:
        return {state: getattr(self, state.value) for state in STATES}

    @classmethod
    def from_json(cls, d: Json) -> DeckCounts:
        return cls(**d)


@dataclass(frozen=True)
class TopicMastery(_Figure):
    """A topic's cards (a card counts for each of its topics) and how well they are known."""

    topic: str
    cards: int
    new: int
    mature: int
    suspended: int
    reviews_30d: int  # cram left out
    mastery: float  # 0-1: see store.stats for the rule
    pass_rate_30d: float | None  # None: no review in the window

    @classmethod
    def from_json(cls, d: Json) -> TopicMastery:
        return cls(**d)


@dataclass(frozen=True)
class DrillFigures(_Figure):
    """A coding drill with any attempt."""

    drill: str
    attempts: int  # finished ones
    passed: int
    gave_up: int
    pass_rate: float | None  # None: none finished
    last_attempt: date | None  # the study day of the latest attempt, open ones included

    @classmethod
    def from_json(cls, d: Json) -> DrillFigures:
        return cls(**{**d, "last_attempt": _day(d["last_attempt"])})


@dataclass(frozen=True)
class MockFigures(_Figure):
    """A finished mock interview."""

    id: int
    date: date  # the study day it started on
    minutes: int
    score: float  # percent, as the mock's own report scores it
    questions: int

    @classmethod
    def from_json(cls, d: Json) -> MockFigures:
        return cls(**{**d, "date": date.fromisoformat(d["date"])})


@dataclass(frozen=True)
class Detail:
    """What the store reads for the statistics (not for the home screen's line)."""

    due_forecast: tuple[DayDue, ...]
    reviews_per_day: tuple[DayReviews, ...]
    retention: Retention
    topics: tuple[TopicMastery, ...]  # weakest first
    reviews_last_year: tuple[DayCount, ...]  # oldest first, ending today
    drills: tuple[DrillFigures, ...]  # lowest pass rate first
    mock_trend: tuple[MockFigures, ...]  # oldest first


@dataclass(frozen=True)
class Collected:
    """What store.stats.collect reads, before services.stats applies the daily limits."""

    decks: tuple[DeckCounts, ...]  # by title, then id
    due_today: int  # live cards due today or overdue, every deck
    introduced_today: int  # new cards begun today: they count against the new-card limit
    reviews_total: int
    streak_days: int
    today: Today
    detail: Detail | None  # None: collect(detail=False), for the home screen


@dataclass(frozen=True)
class Overview(_Figure):
    """The home screen's line: today, the streak and the card counts."""

    study_day: date
    cards_total: int
    due_today: int
    new_available: int  # what today's new-card limit still lets in
    suspended: int
    reviews_total: int
    today: Today
    streak_days: int
    leeches: int
    leech_threshold: int  # 0: leeches turned off

    @property
    def reviews_today(self) -> int:
        return self.today.reviews

    def as_json(self) -> Json:
        return {
            # the figures the foundation issue defined, in its order
            "study_day": self.study_day.isoformat(), "cards_total": self.cards_total, "due_today": self.due_today,
            "new_available": self.new_available, "suspended": self.suspended, "reviews_total": self.reviews_total,
            "reviews_today": self.reviews_today,
            "today": self.today.as_json(), "streak_days": self.streak_days, "leeches": self.leeches,
            "leech_threshold": self.leech_threshold,
        }

    @classmethod
    def _overview_args(cls, d: Json) -> Json:
        return {"study_day": date.fromisoformat(d["study_day"]), "today": Today.from_json(d["today"]),
                **{key: d[key] for key in ("cards_total", "due_today", "new_available", "suspended",
                                           "reviews_total", "streak_days", "leeches", "leech_threshold")}}

    @classmethod
    def from_json(cls, d: Json) -> Overview:
        return cls(**cls._overview_args(d))


@dataclass(frozen=True)
class StatsFigures(Overview):
    """Every figure of `flashdeck stats`."""

    due_forecast: tuple[DayDue, ...]
    reviews_per_day: tuple[DayReviews, ...]
    retention: Retention
    cards_by_state: tuple[DeckCounts, ...]  # by title
    topics: tuple[TopicMastery, ...]
    reviews_last_year: tuple[DayCount, ...]
    drills: tuple[DrillFigures, ...]
    mock_trend: tuple[MockFigures, ...]
    readiness: ReadinessFigures  # predicted recall on the interview day (domain.readiness)
    calibration: CalibrationFigures  # FSRS and SM-2 against what happened (domain.calibration)

    def as_json(self) -> Json:
        out = Overview.as_json(self)
        out.update((name, _plain(getattr(self, name))) for name in _DETAIL_KEYS)
        return out

    @classmethod
    def from_json(cls, d: Json) -> StatsFigures:
        return cls(
            **cls._overview_args(d),
            due_forecast=tuple(DayDue.from_json(x) for x in d["due_forecast"]),
            reviews_per_day=tuple(DayReviews.from_json(x) for x in d["reviews_per_day"]),
            retention=Retention.from_json(d["retention"]),
            cards_by_state=tuple(DeckCounts.from_json(x) for x in d["cards_by_state"]),
            topics=tuple(TopicMastery.from_json(x) for x in d["topics"]),
            reviews_last_year=tuple(DayCount.from_json(x) for x in d["reviews_last_year"]),
            drills=tuple(DrillFigures.from_json(x) for x in d["drills"]),
            mock_trend=tuple(MockFigures.from_json(x) for x in d["mock_trend"]),
            readiness=ReadinessFigures.from_json(d["readiness"]),
            calibration=CalibrationFigures.from_json(d["calibration"]),
        )


_DETAIL_KEYS = tuple(f.name for f in fields(StatsFigures))[len(fields(Overview)):]

"""Is the memory model right for this learner? (issue 18) Each review is predicted from the
reviews before it only, as srs-benchmark evaluates schedulers, and the predictions are scored
against what happened: log loss, and predicted vs actual recall in bins.

Two predictions per review:
- FSRS: the card's memory (domain.memory) after the earlier reviews, read on the forgetting curve
  at the moment of this review.
- SM-2's implied prediction: SM-2 has no probability; it schedules a card at the interval it
  expects the learner to still know it, so (as srs-benchmark's SM-2 baseline does) the interval
  is read as the stability of the same curve: recall 90% after one interval.

The predictions themselves are domain.memory's (`predict`, `forward`), which wraps py-fsrs; this
module only scores them, so `flashdeck stats` reads calibration without importing py-fsrs.

Reviews that cannot be predicted are left out, as srs-benchmark leaves them out: a card's first
review (nothing learned yet) and a review less than a day after the one before (py-fsrs and
SM-2 both count whole days). Recalled means a grade of 3 or more (FSRS's Hard, Good or Easy).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flashdeck.domain.readiness import recall

BINS = 10  # predicted recall in tenths
MIN_REVIEWS = 100  # predictions scored before the stats screen shows the comparison
SCALE = 10**9  # the sums' unit: 1e-9 (2 million reviews of losses up to 14 fit a 64-bit integer)
EPSILON = 1e-6  # predictions are clipped to [EPSILON, 1 - EPSILON] so a sure miss costs a finite loss


@dataclass(frozen=True, slots=True)
class LoggedReview:
    """One log row as calibration reads it."""

    at: datetime
    grade: int
    interval_before: int  # SM-2's interval, in days, when this review came


@dataclass(frozen=True, slots=True)
class Prediction:
    """What each model said before a review, and what happened."""

    fsrs: float
    sm2: float
    recalled: bool

    @property
    def fsrs_loss(self) -> float:
        return log_loss(self.fsrs, self.recalled)

    @property
    def sm2_loss(self) -> float:
        return log_loss(self.sm2, self.recalled)


def log_loss(p: float, recalled: bool) -> float:
    p = min(1 - EPSILON, max(EPSILON, p))
    return -math.log(p if recalled else 1 - p)


def sm2_recall(interval: int, elapsed_days: int, decay: float) -> float:
    """SM-2's implied recall: its interval (at least a day) as the stability."""
    return recall(max(1, interval), elapsed_days, decay)


@dataclass(frozen=True, slots=True)
class Bin:
    low: float
    high: float
    reviews: int
    predicted: float | None  # mean prediction in the bin (None: empty)
    actual: float | None  # share recalled


@dataclass(frozen=True, slots=True)
class CalibrationFigures:
    reviews: int  # predictions scored
    fsrs_log_loss: float | None  # mean, None with no predictions
    sm2_log_loss: float | None
    fsrs_bins: tuple[Bin, ...]
    sm2_bins: tuple[Bin, ...]

    @property
    def enough(self) -> bool:
        return self.reviews >= MIN_REVIEWS

    def as_json(self) -> dict:
        def bins(items: tuple[Bin, ...]) -> list[dict]:
            return [{"from": b.low, "to": b.high, "reviews": b.reviews, "predicted": b.predicted, "actual": b.actual}
                    for b in items]

        return {"reviews": self.reviews, "min_reviews": MIN_REVIEWS, "enough": self.enough,
                "log_loss": {"sm2": self.sm2_log_loss, "fsrs": self.fsrs_log_loss},
                "bins": {"fsrs": bins(self.fsrs_bins), "sm2": bins(self.sm2_bins)}}

    @classmethod
    def from_json(cls, d: dict) -> CalibrationFigures:
        def bins(items: list[dict]) -> tuple[Bin, ...]:
            return tuple(Bin(b["from"], b["to"], b["reviews"], b["predicted"], b["actual"]) for b in items)

        return cls(d["reviews"], d["log_loss"]["fsrs"], d["log_loss"]["sm2"], bins(d["bins"]["fsrs"]),
                   bins(d["bins"]["sm2"]))


def bin_of(p: float) -> int:
    return min(BINS - 1, max(0, int(p * BINS)))


def summarise(predictions: Iterable[Prediction]) -> CalibrationFigures:
    """Scores over any predictions, summed as the store sums them (tests; store.calibration)."""
    totals: dict[tuple[int, int], dict] = {}
    for p in predictions:
        add_sums(totals, p)
    rows = list(totals.items())
    return from_sums(fsrs=[(fb, t["reviews"], t["fsrs"], t["recalled"]) for (fb, _), t in rows],
                     sm2=[(sb, t["reviews"], t["sm2"], t["recalled"]) for (_, sb), t in rows],
                     reviews=sum(t["reviews"] for _, t in rows), fsrs_loss=sum(t["fsrs_loss"] for _, t in rows),
                     sm2_loss=sum(t["sm2_loss"] for _, t in rows))


def from_sums(*, fsrs: Iterable[tuple[int, int, int, int]], sm2: Iterable[tuple[int, int, int, int]],
              reviews: int, fsrs_loss: int, sm2_loss: int) -> CalibrationFigures:
    """The figures from (bin, count, sum of predictions, sum recalled) rows, in any grouping;
    predictions and losses in units of 1/SCALE (sums_of)."""
    fsrs_loss, sm2_loss = fsrs_loss / SCALE, sm2_loss / SCALE

    def bins(rows) -> tuple[Bin, ...]:
        totals = [[0, 0, 0] for _ in range(BINS)]
        for b, n, p, y in rows:
            t = totals[b]
            t[0] += n
            t[1] += p
            t[2] += y
        return tuple(Bin(i / BINS, (i + 1) / BINS, n, _r(p / SCALE / n) if n else None, _r(y / n) if n else None)
                     for i, (n, p, y) in enumerate(totals))

    return CalibrationFigures(reviews, _r(fsrs_loss / reviews) if reviews else None,
                              _r(sm2_loss / reviews) if reviews else None, bins(fsrs), bins(sm2))


def _r(x: float) -> float:
    return round(x, 4)



def sums_key(p: Prediction) -> tuple[int, int]:
    """The (FSRS bin, SM-2 bin) a prediction is summed under (store.models.CalibrationSumsRow)."""
    return bin_of(p.fsrs), bin_of(p.sm2)


def sums_of(p: Prediction, sign: int = 1) -> dict:
    """One prediction's share of its bins' sums (sign -1: taking it back out). Predictions and
    losses are summed as whole units of 1/SCALE: integers add and subtract exactly, so an undo
    puts the sums back as they were to the last digit."""
    return {"reviews": sign, "fsrs": sign * round(p.fsrs * SCALE), "sm2": sign * round(p.sm2 * SCALE),
            "recalled": sign * int(p.recalled), "fsrs_loss": sign * round(p.fsrs_loss * SCALE),
            "sm2_loss": sign * round(p.sm2_loss * SCALE)}


def add_sums(totals: dict[tuple[int, int], dict], p: Prediction) -> None:
    """Fold a prediction into in-memory sums keyed as the table is (a rebuild's)."""
    key, part = sums_key(p), sums_of(p)
    current = totals.get(key)
    if current is None:
        totals[key] = part
    else:
        for name, value in part.items():
            current[name] += value

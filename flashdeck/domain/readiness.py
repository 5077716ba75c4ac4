"""Readiness as figures (issue 18): the predicted share of the studied cards recalled on a day,
overall, per syllabus topic and for the drills, the cards most at risk, and the curve of the
overall share by day up to it. Pure: the memories come in as (stability, last review) and the
forgetting curve's decay from the model's parameters (domain.memory, which wraps py-fsrs, is
the reference this is tested against), so `flashdeck stats --json` needs no py-fsrs import.

A card never reviewed counts as not recalled: it is a part of the syllabus not started yet.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date, datetime, time, timedelta, timezone

DAY_SECONDS = 86_400
AT_RISK = 10  # the weakest reviewed cards listed
CURVE_POINTS = 15  # the curve's days, today to the date, evenly spaced (the stats screen's budget)


def factor_of(decay: float) -> float:
    """FSRS's F for a decay d > 0: R(t) = (1 + F t / S)^-d is 90% at t = S."""
    return 0.9 ** (-1 / decay) - 1


def recall(stability: float, elapsed_days: int, decay: float) -> float:
    """FSRS's forgetting curve after `elapsed_days` whole days (py-fsrs counts whole days)."""
    return (1 + factor_of(decay) * max(0, elapsed_days) / stability) ** -decay


class StudiedCard(NamedTuple):
    """(A tuple: a collection of 100,000 makes one each, and a tuple is made 3x faster than a
    frozen dataclass.)"""

    key: str
    topics: tuple[str, ...]
    drill: bool
    stability: float | None  # None: never reviewed
    last_review: float | None  # POSIX seconds (UTC)


class Sums(NamedTuple):
    """Readiness summed over the cards on its day, as a database can sum it (store.readiness):
    what from_sums makes the figures of."""

    groups: list[tuple[tuple[str, ...], float, int]]  # (topics, sum of recall, cards) per topic list
    cards: int
    recalled: float  # the sum of recall over every card (never reviewed: 0)
    reviewed: int
    drills: tuple[int, float]  # (cards, sum of recall)
    weakest: list[tuple[float, str]]  # (recall, key), weakest first, ties by key
    memories: Sequence[tuple[int, float, float]]  # (card id, stability, last review) of each reviewed card


@dataclass(frozen=True, slots=True)
class ReadinessFigures:
    """Readiness on `day` (the interview day; without one, today)."""

    day: date
    interview: date | None
    overall: float  # over every studied card, the unseen counted as not recalled
    started: float | None  # over the cards reviewed at least once (None: none yet)
    by_topic: tuple[tuple[str, float], ...]  # by topic id
    drills: float | None  # None: no drill card studied
    at_risk: tuple[tuple[str, float], ...]  # weakest reviewed cards first (card key, recall)
    cards: int
    reviewed: int
    # (day, overall, started) from today to `day` (or a week on), with no review in between
    curve: tuple[tuple[date, float, float | None], ...]

    @property
    def in_a_week(self) -> float | None:
        """Without a date: the overall share a week from today (the curve's last point)."""
        return self.curve[-1][1] if self.interview is None and self.curve else None

    @property
    def started_in_a_week(self) -> float | None:
        return self.curve[-1][2] if self.interview is None and self.curve else None

    def as_json(self) -> dict:
        out = {
            "date": self.day.isoformat(),
            "interview": self.interview is not None,
            "overall": self.overall,
            "started": self.started,
            "by_topic": dict(self.by_topic),
            "drills": self.drills,
            "at_risk": [{"card": key, "recall": p} for key, p in self.at_risk],
            "cards": self.cards,
            "reviewed": self.reviewed,
            "curve": [{"date": d.isoformat(), "overall": p, "started": q} for d, p, q in self.curve],
        }
        if self.interview is None:
            out["in_a_week"] = self.in_a_week
        return out

    @classmethod
    def from_json(cls, d: dict) -> ReadinessFigures:
        day = date.fromisoformat(d["date"])
        return cls(day=day, interview=day if d["interview"] else None, overall=d["overall"], started=d["started"],
                   by_topic=tuple(d["by_topic"].items()), drills=d["drills"],
                   at_risk=tuple((x["card"], x["recall"]) for x in d["at_risk"]), cards=d["cards"],
                   reviewed=d["reviewed"],
                   curve=tuple((date.fromisoformat(x["date"]), x["overall"], x["started"]) for x in d["curve"]))


def _elapsed(at: float, card: StudiedCard) -> int:
    # whole days as datetime subtraction's .days counts them (floor, for a positive span)
    return int((at - card.last_review) // DAY_SECONDS)


def _total(reviewed: list[tuple[float, float]], at: float, decay: float) -> float:
    """The sum of R over (F/S, last review) pairs at `at`: the curve's inner loop, 10,000 cards
    a point, written flat (no call per card)."""
    return sum((1 + a * (d if (d := (at - lr) // DAY_SECONDS) > 0 else 0)) ** -decay for a, lr in reviewed)


def prediction_day(today: date, interview: date | None) -> date:
    """The day readiness is for: the interview day, without one today."""
    return interview if interview is not None else today


def from_sums(sums: Sums, today: date, interview: date | None, *, decay: float,
              moment_of: Callable[[date], float]) -> ReadinessFigures:
    """The figures of `sums` (summed at moment_of(prediction_day(today, interview))): the same
    as figures() on the cards summed."""
    days = curve_days(today, interview)
    totals = curve_totals(sums.memories, [moment_of(d) for d in days], factor_of(decay), decay)
    return _figures(prediction_day(today, interview), interview, sums.cards, sums.recalled,
                    (sums.reviewed, sums.recalled), sums.groups, sums.drills, sums.weakest, days, totals)


def curve_totals(memories: Sequence[tuple[int, float, float]], moments: list[float], f: float,
                 decay: float) -> list[float]:
    """The sum of recall over (card id, stability, last review) at each of `moments`."""
    if len(memories) < _VECTOR_FROM:
        pairs = [(f / stability, last) for _, stability, last in memories]
        return [_total(pairs, moment, decay) for moment in moments]
    _, stability, last = _columns(memories)
    return _vector_totals(f / stability, last, moments, decay)


def at_risk_candidates(memories: Sequence[tuple[int, float, float]], at: float, f: float, decay: float,
                       at_risk: int = AT_RISK) -> list[tuple[float, int]]:
    """(recall at `at`, card id) of the `at_risk` weakest memories and of every one tied with the
    last of them: the weakest by (recall, key) are among these, once their keys are known."""
    if len(memories) == 0 or at_risk <= 0:
        return []
    if len(memories) < _VECTOR_FROM:
        ranked = sorted((recall(stability, int((at - last) // DAY_SECONDS), decay), card_id)
                        for card_id, stability, last in memories)
        cut = ranked[min(at_risk, len(ranked)) - 1][0]
        return [r for r in ranked if r[0] <= cut]
    import numpy as np  # lazy, as in _array: only a large collection loads it

    ids, stability, last = _columns(memories)
    recalled = (1 + f * np.maximum(0.0, np.floor_divide(at - last, DAY_SECONDS)) / stability) ** -decay
    k = min(at_risk, len(recalled))
    cut = np.partition(recalled, k - 1)[k - 1]
    return [(float(recalled[i]), int(ids[i])) for i in np.flatnonzero(recalled <= cut)]


def _columns(memories):
    both = _array(memories)
    return both[:, 0], both[:, 1], both[:, 2]


def _array(memories):
    import numpy as np  # lazy: a small collection, and every quick start, does without it

    if isinstance(memories, np.ndarray):
        return memories
    return np.fromiter(itertools.chain.from_iterable(memories), dtype=np.float64,
                       count=3 * len(memories)).reshape(-1, 3)


def memory_array(memories: Sequence[tuple[int, float, float]]):
    """`memories` as one (n, 3) array when there are enough for the array ways (else as given):
    made once for the curve and the weakest."""
    return memories if len(memories) < _VECTOR_FROM else _array(memories)


def _vector_totals(a, last, moments: list[float], decay: float) -> list[float]:
    import numpy as np  # lazy, as in _array

    return [float(((1 + a * np.maximum(0.0, np.floor_divide(moment - last, DAY_SECONDS))) ** -decay).sum())
            for moment in moments]


def figures(cards: Sequence[StudiedCard], today: date, interview: date | None, *, decay: float,
            moment_of: Callable[[date], float], at_risk: int = AT_RISK) -> ReadinessFigures:
    """Readiness over `cards` on the interview day (without one, today), and its curve from
    today; `moment_of(day)`: the POSIX time a day's prediction is for."""
    day = prediction_day(today, interview)
    at = moment_of(day)
    f = factor_of(decay)
    days = curve_days(today, interview)
    # 100,000 cards: the per-card loops below took 0.6 s in plain Python; NumPy does them in
    # milliseconds, which pays for its import only on a large collection
    if len(cards) >= _VECTOR_FROM:
        return _vector_figures(cards, day, interview, at, [moment_of(d) for d in days], days, f, decay, at_risk)
    reviewed = [c for c in cards if c.stability is not None]
    recalled = [recall(c.stability, _elapsed(at, c), decay) for c in reviewed]
    pairs = [(f / c.stability, c.last_review) for c in reviewed]
    totals = [_total(pairs, moment_of(d), decay) for d in days]
    p = dict.fromkeys((c.key for c in cards), 0.0)  # never reviewed: not recalled
    p.update(zip((c.key for c in reviewed), recalled))
    groups: dict[int, list] = {}  # id of a topics tuple -> [topics, sum, cards]: a few hundred
    for card in cards:
        group = groups.get(id(card.topics))
        if group is None:
            groups[id(card.topics)] = [card.topics, p[card.key], 1]
        else:
            group[1] += p[card.key]
            group[2] += 1
    drills = [p[c.key] for c in cards if c.drill]
    weakest = heapq.nsmallest(at_risk, zip(recalled, (c.key for c in reviewed)))
    return _figures(day, interview, len(cards), sum(p.values()), (len(recalled), sum(recalled)), groups.values(),
                    (len(drills), sum(drills)), weakest, days, totals)


def _figures(day: date, interview: date | None, n: int, recalled_sum: float, started: tuple[int, float],
             groups, drills: tuple[int, float], weakest, days: list[date], totals: list[float]) -> ReadinessFigures:
    """The figures from the sums that figures() and _vector_figures() compute: over all `n`
    cards, (cards, sum) of those `started` and of the `drills`; `groups`: (topics, sum,
    cards) per distinct topic list; `weakest`: (recall, key), weakest first."""
    reviewed, reviewed_sum = started
    sums: dict[str, list[float]] = {}
    for topics, value, count in groups:
        for topic in dict.fromkeys(topics):
            tally = sums.setdefault(topic, [0.0, 0])
            tally[0] += value
            tally[1] += count
    curve = [(d, _share(total / n if n else 0.0), _share(total / reviewed) if reviewed else None)
             for d, total in zip(days, totals)]
    return ReadinessFigures(
        day=day, interview=interview, overall=_share(recalled_sum / n if n else 0.0),
        started=_share(reviewed_sum / reviewed) if reviewed else None,
        by_topic=tuple((t, _share(total / count)) for t, (total, count) in sorted(sums.items())),
        drills=_share(drills[1] / drills[0]) if drills[0] else None,
        at_risk=tuple((key, _share(value)) for value, key in weakest), cards=n, reviewed=reviewed,
        curve=tuple(curve))


_VECTOR_FROM = 5_000  # studied cards from which NumPy computes the figures


def _vector_figures(cards: Sequence[StudiedCard], day: date, interview: date | None, at: float,
                    moments: list[float], days: list[date], f: float, decay: float,
                    at_risk: int) -> ReadinessFigures:
    """figures() with the per-card work as arrays: the same formulas, element by element (the
    sums may differ from Python's in the last few bits)."""
    import numpy as np  # lazy: a small collection, and every quick start, does without it

    n = len(cards)
    group_of: dict[int, int] = {}  # id of a topics tuple -> its group: a few hundred
    topics: list[tuple[str, ...]] = []

    def group(card_topics: tuple[str, ...]) -> int:
        g = group_of.get(id(card_topics))
        if g is None:
            g = group_of[id(card_topics)] = len(topics)
            topics.append(card_topics)
        return g

    codes = np.fromiter((group(c.topics) for c in cards), dtype=np.int64, count=n)
    drill = np.fromiter((c.drill for c in cards), dtype=bool, count=n)
    stability = np.fromiter((np.nan if c.stability is None else c.stability for c in cards), dtype=np.float64, count=n)
    last = np.fromiter((0.0 if c.last_review is None else c.last_review for c in cards), dtype=np.float64, count=n)
    seen = ~np.isnan(stability)
    index = np.flatnonzero(seen)  # the reviewed cards, in the cards' order
    stability, last = stability[seen], last[seen]
    elapsed = np.maximum(0.0, np.floor_divide(at - last, DAY_SECONDS))  # as _elapsed's //
    recalled = (1 + f * elapsed / stability) ** -decay
    p = np.zeros(n)  # never reviewed: not recalled
    p[index] = recalled
    totals = _vector_totals(f / stability, last, moments, decay)
    sums = np.bincount(codes, weights=p, minlength=len(topics))
    counts = np.bincount(codes, minlength=len(topics))
    groups = [(t, float(sums[g]), int(counts[g])) for g, t in enumerate(topics)]
    # the weakest by (recall, key), as heapq.nsmallest on those pairs: every card tied with the
    # last one taken is a candidate
    weakest: list[tuple[float, str]] = []
    if len(recalled) and at_risk > 0:
        k = min(at_risk, len(recalled))
        cut = np.partition(recalled, k - 1)[k - 1]
        candidates = np.flatnonzero(recalled <= cut)
        weakest = sorted((float(recalled[i]), cards[int(index[i])].key) for i in candidates)[:at_risk]
    return _figures(day, interview, n, float(p.sum()), (len(recalled), float(recalled.sum())), groups,
                    (int(drill.sum()), float(p[drill].sum())), weakest, days, totals)


def _share(p: float) -> float:
    """A predicted share to 4 decimals, as `flashdeck stats --json` prints it (and reads it back)."""
    return round(p, 4)


def curve_days(today: date, interview: date | None, points: int = CURVE_POINTS) -> list[date]:
    """Today to the interview (evenly spaced, at most `points` days, both ends included), or
    without one today to a week from today."""
    end = interview if interview is not None and interview >= today else today + timedelta(days=7)
    span = (end - today).days
    if span + 1 <= points:
        return [today + timedelta(days=i) for i in range(span + 1)]
    return sorted({today + timedelta(days=round(i * span / (points - 1))) for i in range(points)})


PREDICTION_HOUR = 12  # a day's prediction is for noon, local time


def noon(day: date, tz) -> float:
    """Noon of `day` in time zone `tz` (None: local), as POSIX seconds."""
    return posix(datetime.combine(day, time(PREDICTION_HOUR), tzinfo=tz).astimezone())


def posix(when: datetime) -> float:
    """A datetime as POSIX seconds (naive: UTC, as the log stores it)."""
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()

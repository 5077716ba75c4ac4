"""Readiness (domain.readiness): the predicted share of the cards you are studying that you
would recall on the interview day, from the memories every grade keeps (card_memory), overall,
per syllabus topic and for the coding drills, with the cards most at risk and the curve up to
the day. Without an interview date it is for today, with the curve to a week from today.

The prediction is for noon, local time, of each day. py-fsrs's default parameters give the
forgetting curve's decay (DEFAULT_DECAY, checked against py-fsrs by the tests) unless the learner's
fitted parameters (`flashdeck fsrs optimize`) give another."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import Callable, NamedTuple

from flashdeck.domain.readiness import (AT_RISK, ReadinessFigures, Sums, at_risk_candidates, factor_of, figures,
                                        from_sums, memory_array, noon, prediction_day)
from flashdeck.store import readiness as store
from flashdeck.store.stats import Fetch, session_fetch

DEFAULT_DECAY = 0.1542  # py-fsrs 6's default w[20]


class Plan(NamedTuple):
    """What readiness is summed for: the moment of its day, the forgetting curve."""

    today: date
    interview: date | None  # None: without a date, or once it has passed
    tz: tzinfo | None
    at: float  # POSIX seconds
    factor: float
    decay: float
    math: bool  # the database sums (store.readiness.has_math)


def plan(fetch: Fetch, today: date, interview: date | None, tz: tzinfo | None) -> Plan:
    """Readiness for the interview day; once it has passed, for today and a week on, as without
    a date (predicting a day gone by would say every card reviewed since is certain)."""
    if interview is not None and interview < today:
        interview = None
    decay = store.decay(fetch, DEFAULT_DECAY)
    return Plan(today, interview, tz, noon(prediction_day(today, interview), tz), factor_of(decay), decay,
                store.has_math(fetch))


def group_sums(fetch: Fetch, p: Plan) -> tuple | None:
    """The topic sums of store.readiness.group_sums for plan `p` (None: the database cannot)."""
    return store.group_sums(fetch, p.at, p.factor, p.decay) if p.math else None


def compute(fetch: Fetch, today: date, interview: date | None, tz: tzinfo | None, *,
            planned: Plan | None = None, sums: Callable[[], tuple | None] | None = None) -> ReadinessFigures:
    """Readiness for the interview day (see plan).

    Summed in the database when it has the math functions (the topic sums, group_sums; the
    curve and the weakest from the reviewed cards' memories), else from every card read (the
    definition, domain.readiness.figures). `planned` and `sums`: the plan, and the group sums
    for it read elsewhere meanwhile (services.stats reads them in its second thread; None:
    read them here)."""
    p = planned or plan(fetch, today, interview, tz)
    moment_of = lambda day: noon(day, p.tz)  # noqa: E731
    if not p.math:
        return figures(store.studied(fetch), p.today, p.interview, decay=p.decay, moment_of=moment_of)
    memories = memory_array(store.memories(fetch))
    candidates = at_risk_candidates(memories, p.at, p.factor, p.decay)
    keys = store.keys(fetch, [card_id for _, card_id in candidates])
    weakest = sorted((value, keys[card_id]) for value, card_id in candidates)[:AT_RISK]
    summed = sums() if sums is not None else None
    if summed is None:
        summed = group_sums(fetch, p)
    groups, cards, recalled, reviewed, drills = summed
    return from_sums(Sums(groups, cards, recalled, reviewed, drills, weakest, memories), p.today, p.interview,
                     decay=p.decay, moment_of=moment_of)


def report(ctx) -> ReadinessFigures:
    """Readiness for the learner's interview date (settings), through the open Context."""
    with ctx.db.read() as session:
        return compute(session_fetch(session), ctx.today(), getattr(ctx.settings, "interview_date", None),
                       ctx.now().tzinfo)


def headline(r: ReadinessFigures) -> str:
    """One line: the share of the whole collection, and of the cards started."""
    label = "on the interview day" if r.interview is not None else "today"
    line = f"Predicted recall {label}: {r.overall:.0%} of the {r.cards} cards you study"
    if r.started is not None:
        line += f"; {r.started:.0%} of the {r.reviewed} you have started"
    return line + "."


def lines(r: ReadinessFigures) -> list[str]:
    """The report as text (`flashdeck interview`, `flashdeck stats`)."""
    out = [headline(r)]
    if r.in_a_week is not None and r.started_in_a_week is not None:
        out.append(f"In a week without review: {r.in_a_week:.0%}; {r.started_in_a_week:.0%} of those started.")
    if r.drills is not None and r.reviewed:
        out.append(f"Coding drills: {r.drills:.0%}.")
    weakest = sorted(r.by_topic, key=lambda kv: (kv[1], kv[0]))[:5] if r.reviewed else []
    if weakest:
        out.append("Weakest topics: " + ", ".join(f"{topic} {p:.0%}" for topic, p in weakest))
    if r.at_risk:
        out.append("Most at risk: " + ", ".join(f"{key} {p:.0%}" for key, p in r.at_risk))
    if r.cards > r.reviewed:
        left = r.cards - r.reviewed
        out.append(f"Not started: {left} card{'' if left == 1 else 's'} (counted as not recalled).")
    return out

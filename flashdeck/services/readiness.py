"""Readiness: the predicted share of the cards you are studying that you would recall on the
interview day (domain.memory's FSRS model, from the memories the grades keep: store.memory), overall, per syllabus
topic and for the coding drills, with the cards most at risk. Without an interview date it is
for today and for a week from today.

Cards counted: every card not retired and not suspended; a card never reviewed counts as not
recalled (it is a part of the syllabus you have not started)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from flashdeck.domain.memory import Memory, MemoryModel, Readiness, readiness, stored
from flashdeck.services.context import Context
from flashdeck.store import memory as store

AT_RISK = 10  # the weakest cards listed
WEEK = 7
PREDICTION_HOUR = 12  # the interview is taken as at noon, local time, on its day


@dataclass(frozen=True, slots=True)
class DayReadiness:
    day: date
    all: Readiness  # every studied card (its at_risk: the weakest of those reviewed)
    drills: float | None  # the coding drills' share (None: no drill card)

    def as_json(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "overall": round(self.all.overall, 4),
            "by_topic": {topic: round(p, 4) for topic, p in self.all.by_topic.items()},
            "drills": None if self.drills is None else round(self.drills, 4),
            "at_risk": [{"card": key, "recall": round(p, 4)} for key, p in self.all.at_risk],
        }


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    interview: date | None
    days: tuple[DayReadiness, ...]  # the interview day; or today and a week from today
    cards: int
    reviewed: int  # of which have at least one review

    def as_json(self) -> dict:
        first = self.days[0].as_json()
        first["cards"], first["reviewed"] = self.cards, self.reviewed
        if self.interview is None:
            first["in_a_week"] = self.days[1].as_json()
        return first

    def lines(self) -> list[str]:
        """The report as text (`flashdeck interview`)."""
        out = [f"Cards studied: {self.cards} ({self.reviewed} reviewed at least once)."]
        for day in self.days:
            label = "on the interview day" if self.interview is not None else f"on {day.day.isoformat()}"
            drills = "" if day.drills is None else f"; drills {day.drills:.0%}"
            out.append(f"Predicted recall {label}: {day.all.overall:.0%}{drills}")
        weakest = sorted(self.days[0].all.by_topic.items(), key=lambda kv: (kv[1], kv[0]))[:5]
        if weakest:
            out.append("Weakest topics: " + ", ".join(f"{topic} {p:.0%}" for topic, p in weakest))
        at_risk = [f"{key} {p:.0%}" for key, p in self.days[0].all.at_risk]
        if at_risk:
            out.append("Most at risk: " + ", ".join(at_risk))
        if self.cards > self.reviewed:
            out.append(f"Not started: {self.cards - self.reviewed} cards (counted as not recalled).")
        return out


def memories(ctx: Context, model: MemoryModel) -> tuple[dict[str, Memory | None], dict[str, list[str]], set[str]]:
    """(card key -> memory, card key -> topics, the drill cards' keys) over the studied cards."""
    with ctx.db.read() as session:
        cards = store.studied_cards(session)
        kept = store.stored_memories(session)
    states: dict[str, Memory | None] = {}
    for card_id, key, _, _ in cards:
        row = kept.get(card_id)
        states[key] = None if row is None else stored(*row)
    topics = {key: card_topics for _, key, _, card_topics in cards}
    drills = {key for _, key, kind, _ in cards if kind == "drill"}
    return states, topics, drills


def moment(ctx: Context, day: date) -> datetime:
    """Noon of `day` in the learner's time zone, as the model's clock reads it."""
    return datetime.combine(day, time(PREDICTION_HOUR), tzinfo=ctx.now().tzinfo)


def report(ctx: Context, model: MemoryModel | None = None) -> ReadinessReport:
    model = model or MemoryModel()
    states, topics, drills = memories(ctx, model)
    interview = getattr(ctx.settings, "interview_date", None)
    today = ctx.today()
    days = [interview] if interview is not None else [today, today + timedelta(days=WEEK)]
    reviewed = sum(memory is not None for memory in states.values())
    result = []
    for day in days:
        ready = readiness(model, states, topics, moment(ctx, day), at_risk=AT_RISK)
        # the cards at risk are those you have started (the domain lists them first); the rest
        # are counted as not started
        ready = replace(ready, at_risk=tuple((key, p) for key, p in ready.at_risk if states[key] is not None))
        drill_share = sum(ready.recall[key] for key in drills) / len(drills) if drills else None
        result.append(DayReadiness(day, ready, drill_share))
    return ReadinessReport(interview, tuple(result), len(states), reviewed)

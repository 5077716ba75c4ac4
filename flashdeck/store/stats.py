"""The figures behind `flashdeck stats` and the home screen, as plain SQL.

The same statements run through SQLAlchemy (the TUI; any database URL) and through the
standard library's sqlite3 (`flashdeck stats` on an up-to-date SQLite file: importing
SQLAlchemy alone takes most of that command's 0.5 s budget). Hence: no SQLAlchemy import at
module level, named parameters (`:name`, which both understand), dates passed and compared as
ISO strings, and SQL that SQLite and PostgreSQL both accept ("interval" is quoted: it is a
PostgreSQL keyword).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from flashdeck.store import schema

Fetch = Callable[[str, dict], list[tuple]]

MATURE_DAYS = 21  # a card whose interval is at least this is mature (as in Anki)
WINDOW_DAYS = 30  # reviews per day, retention and topic pass rates look this far back
FORECAST_DAYS = 30
_NEVER = 2**31 - 1  # a lapse count no card reaches: leeches turned off

# One pass over the cards, grouped by deck and topic list (a few hundred groups at most).
_CARD_GROUPS = """
SELECT c.deck_id, d.title, CAST(c.topics AS TEXT), COUNT(*),
  SUM(CASE WHEN s.suspended THEN 1 ELSE 0 END),
  SUM(CASE WHEN NOT s.suspended AND s.due IS NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN NOT s.suspended AND s.due IS NOT NULL AND (s.repetitions = 0 OR s.needs_extra_review)
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN NOT s.suspended AND s.due IS NOT NULL AND s.repetitions > 0 AND NOT s.needs_extra_review
      AND s."interval" < :mature THEN 1 ELSE 0 END),
  SUM(CASE WHEN NOT s.suspended AND s.due IS NOT NULL AND s.repetitions > 0 AND NOT s.needs_extra_review
      AND s."interval" >= :mature THEN 1 ELSE 0 END),
  SUM(CASE WHEN NOT s.suspended AND s.due <= :today THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.lapses >= :leech THEN 1 ELSE 0 END),
  SUM(CASE WHEN NOT s.suspended AND s.due IS NOT NULL AND s.repetitions > 0 AND NOT s.needs_extra_review
      THEN (CASE WHEN s."interval" >= :mature THEN :mature ELSE s."interval" END) ELSE 0 END)
FROM cards c JOIN card_state s ON s.card_id = c.id JOIN decks d ON d.id = c.deck_id
WHERE NOT c.retired
GROUP BY c.deck_id, d.title, CAST(c.topics AS TEXT)
"""
# One pass over the last 30 days of the review log (per day, retention, topic pass rates).
_WINDOW = """
SELECT r.study_day, r.card_id, r.quality, r.duration_ms, r.interval_before, r.mode, CAST(c.topics AS TEXT)
FROM review_log r JOIN cards c ON c.id = r.card_id
WHERE r.study_day > :since AND r.study_day <= :today
"""
_TODAY = "SELECT COUNT(*), COUNT(DISTINCT card_id), COALESCE(SUM(duration_ms), 0) FROM review_log WHERE study_day = :today"
_INTRODUCED = "SELECT COUNT(*) FROM card_state WHERE introduced_on = :today"
_REVIEWS_TOTAL = "SELECT COUNT(*) FROM review_log"
_FORECAST = """
SELECT s.due, COUNT(*) FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE NOT c.retired AND NOT s.suspended AND s.due IS NOT NULL AND s.due <= :last
GROUP BY s.due
"""
_STUDY_DAYS = "SELECT DISTINCT study_day FROM review_log WHERE study_day > :since AND study_day <= :today"
_KNOWN_FILES = "SELECT path, id, file_hash FROM decks WHERE NOT retired"


def session_fetch(session) -> Fetch:
    """Run the statements through a SQLAlchemy session (any database)."""
    from sqlalchemy import text

    return lambda sql, params: [tuple(row) for row in session.execute(text(sql), params)]


@dataclass
class SqliteReader:
    """A plain sqlite3 connection to an up-to-date flashdeck database, for reading only."""

    connection: sqlite3.Connection

    def fetch(self, sql: str, params: dict) -> list[tuple]:
        return self.connection.execute(sql, params).fetchall()

    def close(self) -> None:
        self.connection.close()


def open_sqlite_reader(path: Path) -> SqliteReader | None:
    """None unless `path` is a flashdeck database at the current schema version (anything
    else, a missing, older, newer or broken file, goes the full way, which migrates or says
    what is wrong in one line)."""
    if not path.is_file():
        return None
    connection = None
    try:
        connection = sqlite3.connect(path, timeout=30)
        connection.execute("PRAGMA busy_timeout = 30000")
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != schema.HEAD:
            connection.close()
            return None
        return SqliteReader(connection)
    except sqlite3.Error:
        if connection is not None:
            connection.close()
        return None


def known_files(fetch: Fetch) -> dict[str, tuple[str, str]]:
    """path -> (deck id, file hash) for every live deck (as store.sync.known_files)."""
    return {path: (deck_id, file_hash) for path, deck_id, file_hash in fetch(_KNOWN_FILES, {})}


def collect(fetch: Fetch, today: date, leech_threshold: int, *, detail: bool = True) -> dict:
    """Every figure but those that depend on the daily limits (the service adds them).

    `detail=False` (the home screen): the card counts, today and the streak only."""
    topic_lists: dict[str, list[str]] = {}  # each distinct topics JSON, parsed once

    def topics_of(raw) -> list[str]:
        if not isinstance(raw, str):
            return list(raw or [])
        if raw not in topic_lists:
            topic_lists[raw] = json.loads(raw)
        return topic_lists[raw]

    decks: dict[str, dict] = {}
    topics: dict[str, dict] = {}
    for (deck_id, title, raw_topics, total, suspended, new, learning, young, mature, due, leeches,
         strength) in fetch(_CARD_GROUPS, {"today": _iso(today), "mature": MATURE_DAYS,
                                           "leech": leech_threshold if leech_threshold > 0 else _NEVER}):
        counts = {"total": int(total), "new": int(new or 0), "learning": int(learning or 0), "young": int(young or 0),
                  "mature": int(mature or 0), "suspended": int(suspended or 0), "due_today": int(due or 0),
                  "leeches": int(leeches or 0)}
        deck = decks.setdefault(deck_id, {"deck": deck_id, "title": title, **dict.fromkeys(counts, 0)})
        for key, value in counts.items():
            deck[key] += value
        for topic in topics_of(raw_topics):
            t = topics.setdefault(topic, {"topic": topic, "cards": 0, "new": 0, "mature": 0, "suspended": 0,
                                          "reviews_30d": 0, "_passed": 0, "_strength": 0})
            t["cards"] += counts["total"]
            t["new"] += counts["new"]
            t["mature"] += counts["mature"]
            t["suspended"] += counts["suspended"]
            t["_strength"] += int(strength or 0)

    today_iso = today.isoformat()
    common = {
        "decks": sorted(decks.values(), key=lambda d: (d["title"], d["deck"])),
        "introduced_today": _one(fetch(_INTRODUCED, {"today": today_iso})),
        "reviews_total": _one(fetch(_REVIEWS_TOTAL, {})),
        "streak_days": _streak(fetch, today),
    }
    if not detail:
        [(reviews, cards, ms)] = fetch(_TODAY, {"today": today_iso})
        return {**common, "today": {"reviews": int(reviews), "cards": int(cards), "seconds": round(int(ms) / 1000, 1)}}

    per_day: dict[str, list[int]] = {}  # day -> [reviews, ms]
    cards_today: set[int] = set()
    retention = [0, 0]  # reviews, passed
    for day, card_id, quality, ms, interval_before, mode, raw_topics in fetch(
            _WINDOW, {"since": _iso(today - timedelta(days=WINDOW_DAYS)), "today": today_iso}):
        day = _day(day)
        tally = per_day.setdefault(day, [0, 0])
        tally[0] += 1
        tally[1] += ms or 0
        if day == today_iso:
            cards_today.add(card_id)
        if mode == "cram":
            continue
        passed = quality >= 3
        if interval_before >= MATURE_DAYS:
            retention[0] += 1
            retention[1] += passed
        for topic in topics_of(raw_topics):
            if topic in topics:
                topics[topic]["reviews_30d"] += 1
                topics[topic]["_passed"] += passed

    days = [today - timedelta(days=i) for i in range(WINDOW_DAYS - 1, -1, -1)]
    reviews_per_day = [{"date": d.isoformat(), "reviews": per_day.get(d.isoformat(), [0, 0])[0],
                        "seconds": round(per_day.get(d.isoformat(), [0, 0])[1] / 1000, 1)} for d in days]
    today_reviews, today_ms = per_day.get(today_iso, [0, 0])

    last = today + timedelta(days=FORECAST_DAYS - 1)
    due_by_day: dict[str, int] = {}
    for due, count in fetch(_FORECAST, {"last": _iso(last)}):
        key = max(_day(due), today_iso)  # overdue cards count as due today
        due_by_day[key] = due_by_day.get(key, 0) + int(count)
    forecast = [{"date": (today + timedelta(days=i)).isoformat(),
                 "due": due_by_day.get((today + timedelta(days=i)).isoformat(), 0)} for i in range(FORECAST_DAYS)]

    return {
        **common,
        "today": {"reviews": today_reviews, "cards": len(cards_today), "seconds": round(today_ms / 1000, 1)},
        "reviews_per_day": reviews_per_day,
        "retention": {"window_days": WINDOW_DAYS, "min_interval": MATURE_DAYS, "reviews": retention[0],
                      "passed": retention[1], "rate": round(retention[1] / retention[0], 4) if retention[0] else None},
        "due_forecast": forecast,
        "topics": _mastery(topics),
    }


def _streak(fetch: Fetch, today: date) -> int:
    """Consecutive study days with a review, ending today (or yesterday, if today has none yet)."""
    span = 64
    while True:
        since = today - timedelta(days=span)
        days = {_day(d) for (d,) in fetch(_STUDY_DAYS, {"since": _iso(since), "today": _iso(today)})}
        day = today if today.isoformat() in days else today - timedelta(days=1)
        count = 0
        while day.isoformat() in days:
            count += 1
            day -= timedelta(days=1)
        if day > since or span > 100_000:  # the run ended inside what we read
            return count
        span *= 8


def _mastery(topics: dict[str, dict]) -> list[dict]:
    """Weakest first. Mastery is the mean over a topic's cards in rotation (not suspended) of
    min(interval, 21) / 21: 0 for new and relearning cards, 1 for mature ones. The pass rate is
    the share of the last 30 days' reviews (cram excluded) graded 3 or better."""
    out = []
    for t in topics.values():
        strength, passed = t.pop("_strength"), t.pop("_passed")
        active = t["cards"] - t["suspended"]
        t["mastery"] = round(strength / (active * MATURE_DAYS), 3) if active else 0.0
        t["pass_rate_30d"] = round(passed / t["reviews_30d"], 3) if t["reviews_30d"] else None
        out.append(t)
    out.sort(key=lambda t: (t["mastery"], t["pass_rate_30d"] if t["pass_rate_30d"] is not None else 2.0, t["topic"]))
    return out


def _one(rows: list[tuple]) -> int:
    return int(rows[0][0] or 0)


def _iso(day: date) -> str:
    return day.isoformat()


def _day(value) -> str:
    """A date column as ISO text: SQLite returns text, PostgreSQL a date."""
    return value[:10] if isinstance(value, str) else value.isoformat()

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
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from flashdeck.domain.card_state import MATURE_DAYS, STATES
from flashdeck.domain.studyday import DEFAULT_ROLLOVER_HOUR, study_day
from flashdeck.store import card_sql, schema

if TYPE_CHECKING:
    from flashdeck.domain.stats import Collected

Fetch = Callable[[str, dict], list[tuple]]
# several statements at once, their results in the same order
FetchAll = Callable[[list[tuple[str, dict]]], list[list[tuple]]]

WINDOW_DAYS = 30  # reviews per day, retention and topic pass rates look this far back
FORECAST_DAYS = 30
YEAR_DAYS = 365  # the heatmap's span, ending today
_NEVER = 2**31 - 1  # a lapse count no card reaches: leeches turned off

# A group's cards by state (as domain.card_state.classify decides it), those due today, leeches.
_STATE_COUNTS = """
  SUM(CASE WHEN {suspended} THEN 1 ELSE 0 END) AS suspended,
  SUM(CASE WHEN {new} THEN 1 ELSE 0 END) AS new,
  SUM(CASE WHEN {learning} THEN 1 ELSE 0 END) AS learning,
  SUM(CASE WHEN {young} THEN 1 ELSE 0 END) AS young,
  SUM(CASE WHEN {mature} THEN 1 ELSE 0 END) AS mature,
  SUM(CASE WHEN {live} AND s.due <= :today THEN 1 ELSE 0 END) AS due,
  SUM(CASE WHEN s.lapses >= :leech THEN 1 ELSE 0 END) AS leeches,""".format(
    live=card_sql.LIVE, **{state.value: card_sql.state_sql(state) for state in STATES})
# One pass over the cards, grouped by deck and topic list (a few hundred groups at most), in
# the order of ix_cards_groups (no sort); the deck titles are joined to the groups, not to
# every card (at 100,000 cards: 140 ms before both, 60 ms after).
_CARD_GROUPS = """
SELECT g.deck_id, d.title, g.topics, g.cards, g.suspended, g.new, g.learning, g.young, g.mature, g.due, g.leeches,
  g.strength
FROM (SELECT c.deck_id AS deck_id, CAST(c.topics AS TEXT) AS topics, COUNT(*) AS cards,{state_counts}
  SUM(CASE WHEN {learned} THEN (CASE WHEN s."interval" >= :mature THEN :mature ELSE s."interval" END) ELSE 0 END)
    AS strength
  FROM cards c JOIN card_state s ON s.card_id = c.id
  WHERE NOT c.retired
  GROUP BY c.deck_id, CAST(c.topics AS TEXT)) g
JOIN decks d ON d.id = g.deck_id
""".format(state_counts=_STATE_COUNTS, learned=card_sql.learned_sql())
# The home screen's card counts (collect(detail=False)) and its deck rows (store.deck_summaries)
# from one pass over the cards, grouped by deck alone; every deck, those without cards too.
# The topic groups and the deck rows took a pass each (47 + 23 ms at 100,000 cards; this 30).
# `cards` counts every live card, as the deck rows do; `counted` those with a state, as the
# topic groups do; `unseen` the live new cards (the deck rows' "new": not buried today).
_DECK_SUMS = """
SELECT d.id, d.title, d.path, d.retired, COALESCE(g.cards, 0), COALESCE(g.counted, 0), COALESCE(g.suspended, 0),
  COALESCE(g.new, 0), COALESCE(g.learning, 0), COALESCE(g.young, 0), COALESCE(g.mature, 0), COALESCE(g.due, 0),
  COALESCE(g.leeches, 0), COALESCE(g.unseen, 0)
FROM decks d
LEFT JOIN (SELECT c.deck_id AS deck_id, COUNT(*) AS cards, COUNT(s.card_id) AS counted,{state_counts}
  SUM(CASE WHEN {live} AND s.due IS NULL THEN 1 ELSE 0 END) AS unseen
  FROM cards c LEFT JOIN card_state s ON s.card_id = c.id
  WHERE NOT c.retired
  GROUP BY c.deck_id) g ON g.deck_id = d.id
ORDER BY d.title
""".format(state_counts=_STATE_COUNTS, live=card_sql.LIVE)
# The last 30 days, from review_day_topics (sums per study day and topic list that triggers keep,
# migration 0010; summing the log itself took 185 ms at 2M reviews): per study day (reviews per
# day and retention) and per topic list (the topics' pass rates). Cram grades count as reviews,
# not as passes; a mature review is of a card with an interval of MATURE_DAYS or more before it.
_WINDOW_DAYS = """
SELECT study_day, SUM(reviews), SUM(duration_ms), SUM(mature), SUM(mature_passed)
FROM review_day_topics
WHERE study_day > :since AND study_day <= :today
GROUP BY study_day
"""
_WINDOW_TOPICS = """
SELECT topics, SUM(graded), SUM(passed)
FROM review_day_topics
WHERE study_day > :since AND study_day <= :today
GROUP BY topics
"""
_TODAY = "SELECT COUNT(*), COUNT(DISTINCT card_id), COALESCE(SUM(duration_ms), 0) FROM review_log WHERE study_day = :today"
_INTRODUCED = "SELECT COUNT(*) FROM card_state WHERE introduced_on = :today"
# review_days: the log's rows per study day, kept by triggers (migration 0008); counting the
# log itself took 0.18 s of a reading at 2M reviews
_REVIEWS_TOTAL = "SELECT COALESCE(SUM(reviews), 0) FROM review_days"
# the few retired cards looked up in an index, not each due card's row (32 -> 19 ms at 100k)
_FORECAST = """
SELECT s.due, COUNT(*) FROM card_state s
WHERE s.card_id NOT IN (SELECT id FROM cards WHERE retired) AND NOT s.suspended AND s.due IS NOT NULL
  AND s.due <= :last
GROUP BY s.due
"""
_STUDY_DAYS = "SELECT study_day FROM review_days WHERE study_day > :since AND study_day <= :today AND reviews > 0"
_KNOWN_FILES = "SELECT path, id, file_hash FROM decks WHERE NOT retired"
_YEAR = ("SELECT study_day, reviews FROM review_days WHERE study_day > :since AND study_day <= :today "
         "AND reviews > 0")
_DRILLS = """
SELECT drill_id, SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN finished_at IS NOT NULL AND passed THEN 1 ELSE 0 END),
  SUM(CASE WHEN finished_at IS NOT NULL AND gave_up THEN 1 ELSE 0 END),
  MAX(started_at)
FROM drill_attempts GROUP BY drill_id
"""
# Per answer, not summed in SQL: the score is domain.mock.percent of the grades, the one
# definition the mock report uses. (Ordered in Python: see SqliteReader.)
_MOCKS = """
SELECT s.id, s.started_at, s.minutes, a.position, a.grade
FROM mock_sessions s LEFT JOIN mock_answers a ON a.session_id = s.id
WHERE s.state = 'finished'
"""


def session_fetch(session) -> Fetch:
    """Run the statements through a SQLAlchemy session (any database)."""
    from sqlalchemy import text  # only here: the quick ways read this module without SQLAlchemy

    return lambda sql, params: [tuple(row) for row in session.execute(text(sql), params)]


@dataclass
class SqliteReader:
    """A plain sqlite3 connection to an up-to-date flashdeck database, for reading only.

    `fetch` reads one statement as sqlite3 returns it (the quick start's first card relies on
    its order). `fetch_all` reads several as one, each result packed into JSON by SQLite
    (json_group_array); the reason is the GIL: sqlite3 lets go of it around every call into
    SQLite and every row stepped to, and a thread taking it back from a busy main thread
    waits up to the interpreter's switch interval (5 ms) each time. Beside a main thread busy
    throughout, a 365-row result took 2.5 s that way and the same packed into one row 50 ms;
    the statistics screen reads in a thread while Textual lays that screen out. Packed rows
    come in no guaranteed order; collect() does not depend on it."""

    connection: sqlite3.Connection
    packed: bool | None = None  # False: no JSON functions in this SQLite (None: not asked yet)

    def fetch(self, sql: str, params: dict) -> list[tuple]:
        return self.connection.execute(sql, params).fetchall()

    def fetch_all(self, queries: list[tuple[str, dict]]) -> list[list[tuple]]:
        if self.packed is None:
            self.packed = _has_json(self.connection)
        if not self.packed:
            return [self.fetch(sql, params) for sql, params in queries]
        parts, merged = [], {}
        for n, (sql, params) in enumerate(queries):
            names = ", ".join(f"c{i}" for i in range(self._columns(sql, params)))
            # each statement's parameters renamed apart: two may use :since for different days
            renamed = _PARAM.sub(lambda m, n=n: f":q{n}_{m.group(1)}", sql)
            parts.append(f"(WITH t({names}) AS ({renamed}) SELECT json_group_array(json_array({names})) FROM t)")
            merged.update({f"q{n}_{key}": value for key, value in params.items()})
        [row] = self.connection.execute("SELECT " + ", ".join(parts), merged).fetchall()
        return [[tuple(r) for r in json.loads(packed)] for packed in row]

    def _columns(self, sql: str, params: dict) -> int:
        if sql not in _COLUMNS:  # LIMIT 0: the statement is prepared, not run
            _COLUMNS[sql] = len(self.connection.execute(f"SELECT * FROM ({sql}) LIMIT 0", params).description)
        return _COLUMNS[sql]

    def close(self) -> None:
        self.connection.close()


@dataclass
class ServerReader:
    """A psycopg connection to an up-to-date flashdeck database on PostgreSQL, for reading only,
    in one read-only REPEATABLE READ transaction (the figures from one snapshot, as SQLite's
    read transaction gives). The statements are store.stats's own: `:name` parameters become
    psycopg's `%(name)s`, as SQLAlchemy's text() makes them."""

    connection: object  # psycopg.Connection (psycopg is imported only when one is opened)

    def fetch(self, sql: str, params: dict) -> list[tuple]:
        return self.connection.execute(_SERVER_PARAM.sub(r"%(\1)s", sql), params).fetchall()

    def fetch_all(self, queries: list[tuple[str, dict]]) -> list[list[tuple]]:
        return [self.fetch(sql, params) for sql, params in queries]

    def close(self) -> None:
        self.connection.close()


def open_server_reader(uri: str) -> ServerReader | None:
    """None unless the database at `uri` (store.server_url) is reachable and at the current
    schema version: anything else goes the full way, which migrates or says what is wrong."""
    import psycopg  # lazy: only a PostgreSQL collection's quick read loads the driver

    connection = None
    try:
        connection = psycopg.connect(uri, connect_timeout=10)
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != schema.HEAD:
            connection.close()
            return None
        return ServerReader(connection)
    except psycopg.Error:
        if connection is not None:
            connection.close()
        return None


_PARAM = re.compile(r":(\w+)")
# as SQLAlchemy's text() finds a bind parameter: not a "::" cast, not an escaped "\:"
_SERVER_PARAM = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")
_COLUMNS: dict[str, int] = {}  # statement -> how many columns it returns


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
        # reading pages through a memory map roughly halves the time of the review-log scans
        connection.execute("PRAGMA mmap_size = 268435456")
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != schema.HEAD:
            connection.close()
            return None
        return SqliteReader(connection)
    except sqlite3.Error:
        if connection is not None:
            connection.close()
        return None


def _has_json(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("SELECT json_array(1)").fetchone()
        return True
    except sqlite3.OperationalError:  # an SQLite built without JSON1 (before 3.38 it was optional)
        return False


def known_files(fetch: Fetch) -> dict[str, tuple[str, str]]:
    """path -> (deck id, file hash) for every live deck (as store.sync.known_files)."""
    return {path: (deck_id, file_hash) for path, deck_id, file_hash in fetch(_KNOWN_FILES, {})}


class DeckSum(NamedTuple):
    """One row of _DECK_SUMS."""

    id: str
    title: str
    path: str
    retired: bool
    cards: int
    counted: int
    suspended: int
    new: int
    learning: int
    young: int
    mature: int
    due: int
    leeches: int
    unseen: int


def deck_sums(fetch: Fetch, today: date, leech_threshold: int) -> list[DeckSum]:
    """Every deck's card counts, by title: what collect(detail=False) and the quick home's
    deck rows (store.deck_summaries.summaries_of) are made of."""
    return [DeckSum(*row) for row in fetch(_DECK_SUMS, {"today": today.isoformat(),
                                                        "leech": _leech(leech_threshold)})]


def _leech(threshold: int) -> int:
    return threshold if threshold > 0 else _NEVER


def collect(fetch: Fetch, today: date, leech_threshold: int, *, detail: bool = True, tz: tzinfo | None = None,
            rollover_hour: int = DEFAULT_ROLLOVER_HOUR, fetch_all: FetchAll | None = None,
            sums: list[DeckSum] | None = None) -> Collected:
    """Every figure but those that depend on the daily limits (services.stats adds them).

    `detail=False` (the home screen): the card counts, today and the streak only, the counts
    from deck_sums (`sums`, if they were read already). `tz` and `rollover_hour` turn the
    stored UTC times of drills and mocks into study days (tz None: the system's local time
    zone). `fetch_all`, if given, reads the statements in one go."""
    # here, not at the top: the quick start imports this module (store.first_card), and making
    # the dozen figure dataclasses would add milliseconds to its cold start
    from flashdeck.domain.stats import (Collected, DayCount, DayDue, DayReviews, DeckCounts, Detail, DrillFigures,
                                        MockFigures, Retention, Today, TopicMastery)

    topic_lists: dict[str, list[str]] = {}  # each distinct topics JSON, parsed once

    def topics_of(raw) -> list[str]:
        if not isinstance(raw, str):
            return list(raw or [])
        if raw not in topic_lists:
            topic_lists[raw] = json.loads(raw)
        return topic_lists[raw]

    today_iso = today.isoformat()
    queries = {
        "introduced": (_INTRODUCED, {"today": today_iso}),
        "total": (_REVIEWS_TOTAL, {}),
        "today": (_TODAY, {"today": today_iso}),
    }
    if detail:
        queries.update({
            "groups": (_CARD_GROUPS, {"today": today_iso, "mature": MATURE_DAYS, "leech": _leech(leech_threshold)}),
            "year": (_YEAR, {"since": _iso(today - timedelta(days=YEAR_DAYS)), "today": today_iso}),
            "window": (_WINDOW_DAYS, {"since": _iso(today - timedelta(days=WINDOW_DAYS)), "today": today_iso}),
            "window_topics": (_WINDOW_TOPICS, {"since": _iso(today - timedelta(days=WINDOW_DAYS)), "today": today_iso}),
            "forecast": (_FORECAST, {"last": _iso(today + timedelta(days=FORECAST_DAYS - 1))}),
            "drills": (_DRILLS, {}),
            "mocks": (_MOCKS, {}),
        })
    read = fetch_all or (lambda batch: [fetch(sql, params) for sql, params in batch])
    rows = dict(zip(queries, read(list(queries.values()))))
    if detail:
        groups = rows["groups"]
    else:  # a deck as one topic group with no topics, if a card of it was counted
        groups = [(d.id, d.title, "[]", d.counted, d.suspended, d.new, d.learning, d.young, d.mature, d.due,
                   d.leeches, 0)
                  for d in (sums if sums is not None else deck_sums(fetch, today, leech_threshold)) if d.counted]

    decks: dict[str, list] = {}  # id -> [title, total, new, learning, young, mature, suspended, leeches]
    due_today = 0
    topics: dict[str, list[int]] = {}  # topic -> [cards, new, mature, suspended, strength, reviews, passed]
    for (deck_id, title, raw_topics, total, suspended, new, learning, young, mature, due, leeches,
         strength) in groups:
        total, new, mature, suspended = int(total), int(new or 0), int(mature or 0), int(suspended or 0)
        due_today += int(due or 0)
        deck = decks.setdefault(deck_id, [title, *[0] * 7])
        for i, value in enumerate((total, new, int(learning or 0), int(young or 0), mature, suspended,
                                   int(leeches or 0)), 1):
            deck[i] += value
        for topic in topics_of(raw_topics):
            t = topics.setdefault(topic, [0] * 7)
            for i, value in enumerate((total, new, mature, suspended, int(strength or 0))):
                t[i] += value

    year = _year(rows["year"], today) if detail else None
    [(reviews, cards, ms)] = rows["today"]

    def collected(today_figures: Today, figures: Detail | None) -> Collected:
        return Collected(
            decks=tuple(sorted((DeckCounts(deck_id, *tally) for deck_id, tally in decks.items()),
                               key=lambda d: (d.title, d.deck))),
            due_today=due_today, introduced_today=_one(rows["introduced"]), reviews_total=_one(rows["total"]),
            streak_days=_streak(fetch, today, year), today=today_figures, detail=figures)

    if not detail:
        return collected(Today(int(reviews), int(cards), round(int(ms) / 1000, 1)), None)

    per_day: dict[str, list[int]] = {}  # day -> [reviews, ms]
    retention = [0, 0]  # reviews, passed
    for day, count, ms, mature_reviews, mature_passed in rows["window"]:
        tally = per_day.setdefault(_day(day), [0, 0])
        tally[0] += int(count)
        tally[1] += int(ms or 0)
        retention[0] += int(mature_reviews or 0)
        retention[1] += int(mature_passed or 0)
    for raw_topics, graded, passed in rows["window_topics"]:
        for topic in topics_of(raw_topics):
            if topic in topics:
                topics[topic][5] += int(graded or 0)  # reviews
                topics[topic][6] += int(passed or 0)

    days = [today - timedelta(days=i) for i in range(WINDOW_DAYS - 1, -1, -1)]
    reviews_per_day = tuple(DayReviews(d, per_day.get(d.isoformat(), [0, 0])[0],
                                       round(per_day.get(d.isoformat(), [0, 0])[1] / 1000, 1)) for d in days)
    today_reviews, today_ms = per_day.get(today_iso, [0, 0])

    due_by_day: dict[str, int] = {}
    for due, count in rows["forecast"]:
        key = max(_day(due), today_iso)  # overdue cards count as due today
        due_by_day[key] = due_by_day.get(key, 0) + int(count)
    forecast = tuple(DayDue(d, due_by_day.get(d.isoformat(), 0))
                     for d in (today + timedelta(days=i) for i in range(FORECAST_DAYS)))

    def local_day(value) -> date:
        return _local_day(value, tz, rollover_hour)

    return collected(Today(today_reviews, int(cards), round(today_ms / 1000, 1)), Detail(
        due_forecast=forecast,
        reviews_per_day=reviews_per_day,
        retention=Retention(WINDOW_DAYS, MATURE_DAYS, retention[0], retention[1],
                            round(retention[1] / retention[0], 4) if retention[0] else None),
        topics=tuple(TopicMastery(*t) for t in _mastery(topics)),
        reviews_last_year=tuple(DayCount(date.fromisoformat(day), n) for day, n in year.items()),
        drills=tuple(DrillFigures(*d) for d in _drills(rows["drills"], local_day)),
        mock_trend=tuple(MockFigures(*m) for m in _mock_trend(rows["mocks"], local_day)),
    ))


def _year(rows: list[tuple], today: date) -> dict[str, int]:
    """Reviews per study day (every mode), YEAR_DAYS days ending today, oldest first."""
    counts = {_day(day): int(n) for day, n in rows}
    days = ((today - timedelta(days=i)).isoformat() for i in range(YEAR_DAYS - 1, -1, -1))
    return {d: counts.get(d, 0) for d in days}


def _drills(rows: list[tuple], local_day: Callable[[object], date]) -> list[tuple]:
    """Per drill with any attempt: finished attempts, passes, give-ups, the pass rate among the
    finished ones and the study day of the latest attempt (open ones count for that), as
    DrillFigures' fields. Lowest pass rate first (never finished last), then by drill id."""
    out = []
    for drill_id, finished, passed, gave_up, last in rows:
        finished, passed = int(finished or 0), int(passed or 0)
        out.append((drill_id, finished, passed, int(gave_up or 0), round(passed / finished, 3) if finished else None,
                    local_day(last) if last is not None else None))
    out.sort(key=lambda d: (d[4] if d[4] is not None else 2.0, d[0]))
    return out


def _mock_trend(rows: list[tuple], local_day: Callable[[object], date]) -> list[tuple]:
    """Finished mock interviews, oldest first, scored as their report scores them (MockFigures' fields)."""
    # here, not at the top: the quick start reads its first card through this module, and
    # the mock module's dataclasses would add milliseconds to that cold start
    from flashdeck.domain.mock import percent

    started: dict[int, tuple] = {}  # id -> (started_at, minutes)
    answers: dict[int, list[tuple[int, int | None]]] = {}  # id -> [(position, grade)]
    for session_id, started_at, minutes, position, grade in rows:
        started[session_id] = (started_at, minutes)
        answers.setdefault(session_id, [])
        if position is not None:  # (LEFT JOIN: a session without answers scores 0 of 0)
            answers[session_id].append((position, grade))
    out = []
    for session_id in sorted(started, key=lambda i: (str(started[i][0]), i)):  # as the mock report orders them
        grades = [g for _, g in sorted(answers[session_id], key=lambda a: a[0])]
        out.append((session_id, local_day(started[session_id][0]), int(started[session_id][1]), percent(grades),
                    len(grades)))
    return out


def _streak(fetch: Fetch, today: date, known: dict[str, int] | None = None) -> int:
    """Consecutive study days with a review, ending today (or yesterday, if today has none yet).

    `known`: reviews per day over the last YEAR_DAYS days, already read for the heatmap; only
    a run longer than that reads the days before it."""
    if known is None:
        return _run_back(fetch, today, grace=True)
    days = {d for d, n in known.items() if n}
    first_known = today - timedelta(days=YEAR_DAYS - 1)
    day = today if today.isoformat() in days else today - timedelta(days=1)
    count = 0
    while day >= first_known and day.isoformat() in days:
        count += 1
        day -= timedelta(days=1)
    if day >= first_known:  # the run ended inside the year
        return count
    return count + _run_back(fetch, day, grace=False)


def _run_back(fetch: Fetch, end: date, *, grace: bool) -> int:
    """Consecutive study days ending on `end` (with `grace`: or the day before, when `end`
    has no review), read in ever longer spans until the run ends inside one."""
    span = 64
    while True:
        since = end - timedelta(days=span)
        days = {_day(d) for (d,) in fetch(_STUDY_DAYS, {"since": _iso(since), "today": _iso(end)})}
        day = end if end.isoformat() in days or not grace else end - timedelta(days=1)
        count = 0
        while day.isoformat() in days:
            count += 1
            day -= timedelta(days=1)
        if day > since or span > 100_000:  # the run ended inside what we read
            return count
        span *= 8


def _mastery(topics: dict[str, list[int]]) -> list[tuple]:
    """Weakest first. Mastery is the mean over a topic's cards in rotation (not suspended) of
    min(interval, 21) / 21: 0 for new and relearning cards, 1 for mature ones. The pass rate is
    the share of the last 30 days' reviews (cram excluded) graded 3 or better. As TopicMastery's fields."""
    out = []
    for topic, (cards, new, mature, suspended, strength, reviews, passed) in topics.items():
        active = cards - suspended
        out.append((topic, cards, new, mature, suspended, reviews,
                    round(strength / (active * MATURE_DAYS), 3) if active else 0.0,
                    round(passed / reviews, 3) if reviews else None))
    out.sort(key=lambda t: (t[6], t[7] if t[7] is not None else 2.0, t[0]))
    return out


def _one(rows: list[tuple]) -> int:
    return int(rows[0][0] or 0)


def _iso(day: date) -> str:
    return day.isoformat()


def _local_day(value, tz: tzinfo | None, rollover_hour: int) -> date:
    """The study day of a stored UTC time (SQLite returns text, PostgreSQL a datetime)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return study_day(moment.replace(tzinfo=timezone.utc).astimezone(tz), rollover_hour)


def _day(value) -> str:
    """A date column as ISO text: SQLite returns text, PostgreSQL a date."""
    return value[:10] if isinstance(value, str) else value.isoformat()

"""The studied cards and their stored memories (card_memory) as readiness reads them, in plain
SQL through a store.stats Fetch: sqlite3 on the quick way, SQLAlchemy otherwise. No SQLAlchemy
or py-fsrs import here (`flashdeck stats --json` reads this on its fast path).

Two ways: `studied` reads every card for domain.readiness.figures, the definition; or
`group_sums` has the database sum each card's recall per topic list (domain.readiness.recall
written in SQL, with the same arithmetic in the same order, so the same floats) while
`memories` reads only the reviewed cards' numbers, for the curve and the weakest. At 100,000
cards the first took 0.25 s, most of it making a Python row of five per card; the sums run in
SQLite, where a thread's Python does not wait on them (issue 21)."""

from __future__ import annotations

import json
from flashdeck.domain.readiness import StudiedCard

_FROM = """
FROM cards c JOIN card_state s ON s.card_id = c.id {join} JOIN card_memory m ON m.card_id = c.id
WHERE NOT c.retired AND NOT s.suspended
"""
_STUDIED = "SELECT c.key, CAST(c.topics AS TEXT), c.kind, m.stability, m.last_review_ts" + _FROM.format(join="LEFT")

# domain.readiness.recall for the memory in row m at :at (POSIX seconds): whole days elapsed,
# floored (as Python's // on these floats: the elapsed seconds are never within a rounding of
# a day's multiple without being one), F t / S, to the power -decay
_RECALL = ("power(1 + :factor * (CASE WHEN :at > m.last_review_ts THEN floor((:at - m.last_review_ts) / 86400) "
           "ELSE 0 END) / m.stability, :exponent)")
_P = f"(CASE WHEN m.stability IS NULL THEN 0.0 ELSE {_RECALL} END)"  # never reviewed: not recalled
# per topic list (grouped as the cards' index orders them: no sort): cards, reviewed, the sum
# of recall, drills and their sum of recall
_GROUPS = f"""
SELECT CAST(c.topics AS TEXT), COUNT(*), COUNT(m.stability), SUM({_P}),
  SUM(CASE WHEN c.kind = 'drill' THEN 1 ELSE 0 END), SUM(CASE WHEN c.kind = 'drill' THEN {_P} ELSE 0.0 END)
""" + _FROM.format(join="LEFT") + "GROUP BY c.deck_id, CAST(c.topics AS TEXT)"
_MEMORIES = "SELECT m.card_id, m.stability, m.last_review_ts" + _FROM.format(join="")
_MATH = "SELECT power(2.0, 0.5), floor(1.5)"


def decay(fetch, default: float) -> float:
    """The forgetting curve's decay: the fitted parameters' w[20] (`flashdeck fsrs optimize`),
    else `default` (py-fsrs's)."""
    rows = fetch("SELECT parameters FROM fsrs_parameters WHERE id = 1", {})
    if not rows:
        return default
    parameters = rows[0][0]
    return float((json.loads(parameters) if isinstance(parameters, str) else parameters)[20])


def studied(fetch) -> list[StudiedCard]:
    """Every card being studied (not retired, not suspended), with its memory if reviewed."""
    topics_of: dict[str | None, tuple[str, ...]] = {None: ()}  # a few hundred distinct lists: parsed once each
    cards = []
    for key, topics, kind, stability, last_review in fetch(_STUDIED, {}):
        cards.append(StudiedCard(key, _topics(topics_of, topics), kind == "drill", stability, last_review))
    return cards


def has_math(fetch) -> bool:
    """Does the database have power() and floor()? (PostgreSQL does; SQLite when built with its
    math functions, as Python's own builds are since 3.35.)"""
    try:
        fetch(_MATH, {})
        return True
    except Exception:  # noqa: BLE001 - sqlite3's or SQLAlchemy's "no such function"
        return False


def group_sums(fetch, at: float, factor: float, decay: float) -> tuple[list[tuple[tuple[str, ...], float, int]], int,
                                                                      float, int, tuple[int, float]]:
    """(groups, cards, recalled, reviewed, drills) for domain.readiness.Sums, summed in the
    database at `at` (POSIX seconds) for forgetting-curve `factor` and `decay`
    (domain.readiness.factor_of); needs has_math(fetch)."""
    rows = fetch(_GROUPS, {"at": at, "factor": factor, "exponent": -decay})
    topics_of: dict[str | None, tuple[str, ...]] = {None: ()}
    groups, cards, recalled, reviewed, drills, drill_sum = [], 0, 0.0, 0, 0, 0.0
    for topics, n, seen, total, drill_cards, drill_total in rows:
        groups.append((_topics(topics_of, topics), float(total or 0.0), int(n)))
        cards += int(n)
        recalled += float(total or 0.0)
        reviewed += int(seen)
        drills += int(drill_cards or 0)
        drill_sum += float(drill_total or 0.0)
    return groups, cards, recalled, reviewed, (drills, drill_sum)


def memories(fetch) -> list[tuple[int, float, float]]:
    """(card id, stability, last review) of every reviewed card being studied."""
    return fetch(_MEMORIES, {})


def keys(fetch, card_ids: list[int]) -> dict[int, str]:
    """Card id -> key, for the weakest cards and those tied with them (usually a few)."""
    out: dict[int, str] = {}
    for start in range(0, len(card_ids), _KEYS_AT_ONCE):  # (every card may tie: recall 1.0 for all)
        names = {f"i{n}": card_id for n, card_id in enumerate(card_ids[start:start + _KEYS_AT_ONCE])}
        out.update(fetch(f"SELECT id, key FROM cards WHERE id IN ({', '.join(':' + k for k in names)})", names))
    return out


_KEYS_AT_ONCE = 500  # bound parameters per statement: well inside SQLite's and PostgreSQL's limits


def _topics(parsed: dict[str | None, tuple[str, ...]], raw) -> tuple[str, ...]:
    """A card's topics (JSON text on SQLite, a list from PostgreSQL's JSON), each distinct list
    made once."""
    if not isinstance(raw, str) and raw is not None:
        raw = json.dumps(raw)
    listed = parsed.get(raw)
    if listed is None:
        listed = parsed[raw] = tuple(json.loads(raw) or ())
    return listed

"""The collection inside an .apkg (`collection.anki2`, SQLite schema 11): decks, notes,
cards and, when progress is carried, their scheduling and review log.

How progress survives Anki's importer (rslib import_export/package/apkg/import)
------------------------------------------------------------------------------
* Notes are matched by GUID. Ours is derived from the card's stable key `deck_id/card_id`,
  so a re-export updates the note (the importer's default "update if newer" compares note
  mtimes; ours is the card's `changed_at`) and never duplicates it. Cards of a note that
  already exists are left alone, so re-importing never overwrites scheduling done in Anki.
* With "import scheduling", review cards keep type/queue/ivl/factor/reps/lapses, and `due`
  (days since the collection's creation) is shifted by the difference between the package's
  and the target's day count. The package's creation day is fixed (`EPOCH`, with
  `creationOffset` 0 so its date is the same in every time zone) and its `rollover` is
  flashdeck's study-day hour, so a card due on a calendar day in flashdeck is due on that
  day in Anki. Revlog rows are imported for the cards added, skipping ids already present;
  their ids are review times in ms, so re-imports never double them.
* Without scheduling, Anki resets cards to new and ignores the revlog: the same package
  serves both choices.
"""

from __future__ import annotations

import hashlib
import html as _html
import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Iterable, NamedTuple, Sequence

from flashdeck.export.anki_notetypes import CONCEPT, NoteType

__all__ = [
    "EPOCH", "PARENT_DECK", "REVLOG_RAW", "AnkiCard", "AnkiDeck", "AnkiNote", "AnkiReview", "RevlogSource",
    "anki_button", "collection_bytes", "deck_id_for", "deck_name", "guid_for", "tag_for",
]

# The collection's creation day. `due` of review cards counts days from it.
EPOCH = date(2006, 1, 1)
_EPOCH_SECS = int(datetime(EPOCH.year, EPOCH.month, EPOCH.day, 12, tzinfo=timezone.utc).timestamp())
PARENT_DECK = "flashdeck"
_FIELD_SEP = "\x1f"


# --------------------------------------------------------------------------- what to write


@dataclass(frozen=True, slots=True)
class AnkiDeck:
    name: str  # full Anki name, e.g. "flashdeck::Transformer"
    description: str = ""


@dataclass(frozen=True, slots=True)
class AnkiCard:
    """A reviewed card's state, in flashdeck's terms."""

    due: date
    interval: int  # days
    ease_pct: int  # SM-2 EF x 100 (250 = 2.5); Anki's factor is EF x 1000
    reviews: int  # Anki's `reps`: how many times it was answered
    lapses: int
    suspended: bool = False


class AnkiReview(NamedTuple):
    """One answer. Read by position: a plain tuple in this field order does as well (exports
    carry 100,000s of them)."""

    reviewed_at: datetime  # UTC (naive UTC or aware)
    quality: int  # 0-5
    duration_ms: int
    interval_before: int
    interval_after: int
    ease_after_pct: int
    kind: int  # Anki revlog type: 0 learn, 1 review, 2 relearn, 3 filtered (cram)


@dataclass(slots=True)
class AnkiNote:
    key: str  # flashdeck's stable key deck_id/card_id
    note_type: NoteType
    fields: Sequence[str]  # HTML, in note_type.fields order
    tags: Sequence[str]
    deck: int  # index into the decks list
    modified: datetime  # UTC; the note's mtime
    card: AnkiCard | None = None  # None: a new card
    suspended: bool = False  # for new cards (a reviewed card carries its own)
    reviews: Sequence[AnkiReview] = field(default_factory=tuple)
    # or, with a RevlogSource: the id its database knows the card's review log by
    log_id: int | None = None


# Fills temp.revlog_raw (REVLOG_RAW's columns) of the collection being written with the review
# log of the cards given as (log_id, Anki card id): the log is then read inside SQLite, not
# carried through Python objects (1.3M rows at 100,000 cards: 13 s of a 25 s export)
RevlogSource = Callable[[sqlite3.Connection, list[tuple[int, int]]], None]
# t: the review time in ms (the Anki id before equal times are spread); seq: the order among
# reviews of one card at one ms
REVLOG_RAW = ("t", "cid", "seq", "ease", "ivl", "lastIvl", "factor", "time", "type")


# --------------------------------------------------------------------------- mappings

_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"


def guid_for(key: str) -> str:
    """A stable Anki GUID for a flashdeck key: base91 of 64 bits of sha256."""
    number = int.from_bytes(hashlib.sha256(f"flashdeck:{key}".encode()).digest()[:8], "big")
    out = []
    while number:
        number, rest = divmod(number, 91)
        out.append(_BASE91[rest])
    return "".join(reversed(out)) or "a"


def deck_id_for(name: str) -> int:
    """Stable deck id from its name (Anki matches decks by name on import anyway)."""
    return 1_500_000_000_000 + int.from_bytes(hashlib.sha256(name.encode()).digest()[:5], "big") % 10**11


def anki_button(quality: int) -> int:
    """SM-2 quality 0-5 -> Anki's answer button: 0-2 Again, 3 Hard, 4 Good, 5 Easy."""
    if quality < 3:
        return 1
    return {3: 2, 4: 3}.get(quality, 4)


_BUTTONS = tuple(anki_button(q) for q in range(6))


def tag_for(topic: str) -> str:
    """`transformer.attention` -> `transformer::attention` (Anki tags cannot hold spaces)."""
    return re.sub(r"\s+", "_", topic.strip()).replace(".", "::")


def deck_name(title: str) -> str:
    """`flashdeck::<title>`; '::' inside a title would nest decks, so it is flattened."""
    clean = re.sub(r"\s+", " ", title.replace("::", ":")).strip() or "untitled"
    return f"{PARENT_DECK}::{clean}"


_UNIX = datetime(1970, 1, 1)
_ONE_MS = timedelta(milliseconds=1)


def _ms(moment: datetime) -> int:
    """Milliseconds since the Unix epoch; a naive datetime is UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return (moment - _UNIX) // _ONE_MS


_TAG_RE = re.compile(r"<[^>]*>")


def _sort_text(html_text: str) -> str:
    return _html.unescape(_TAG_RE.sub("", html_text)).strip()


# --------------------------------------------------------------------------- the collection

_SCHEMA = """
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
"""
# built after the rows are in: one sort per index instead of 100,000s of B-tree inserts
_INDEXES = """
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
"""

_DECK_CONFIG = {
    "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": True, "timer": 0,
    "replayq": True, "dyn": False,
    "new": {"bury": False, "delays": [1, 10], "initialFactor": 2500, "ints": [1, 4, 0], "order": 1,
            "perDay": 20},
    "rev": {"bury": False, "ease4": 1.3, "ivlFct": 1, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2},
    "lapse": {"delays": [10], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0},
}


# revlog ids are review times in ms (Anki shows them as such); equal times are spread over the
# next free milliseconds, in time order (then by card, then as the log has them): each id is
# max(its time, the id before + 1), which for the n-th row is n + max(t_j - j) over the rows
# j <= n. The rows are sorted once into a table whose rowid is that n, so the running maximum
# reads them in rowid order without a second sort (at 1.3M rows: 2.7 s, against 3.8 s for two
# window sorts).
_SORT = "CREATE TEMP TABLE revlog_sorted AS SELECT * FROM temp.revlog_raw ORDER BY t, cid, seq"
_SPREAD = """
INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
SELECT rowid + MAX(t - rowid) OVER (ORDER BY rowid ROWS UNBOUNDED PRECEDING), cid, -1, ease, ivl, lastIvl, factor,
  time, type
FROM temp.revlog_sorted
"""


def _deck_json(deck_id: int, name: str, description: str, now_s: int) -> dict:
    return {
        "id": deck_id, "name": name, "desc": description, "mod": now_s, "usn": -1, "dyn": 0, "conf": 1,
        "collapsed": False, "browserCollapsed": False, "extendNew": 0, "extendRev": 0,
        "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
    }


def collection_bytes(
    decks: Sequence[AnkiDeck],
    notes: Iterable[AnkiNote],
    day_starts_at: int,
    now: datetime,
    progress: Callable[[int], None] | None,
    revlog_source: RevlogSource | None = None,
) -> tuple[bytes, tuple[int, int]]:
    """The collection as an SQLite file's bytes, and (notes written, revlog rows).

    `progress(n)` is called as notes are written; a note whose fields do not fit its note
    type raises ValueError. The review log comes from each reviewed note's `reviews`, or, with
    `revlog_source`, from it for each reviewed note's `log_id`."""
    now_ms = _ms(now)
    now_s = now_ms // 1000
    db = sqlite3.connect(":memory:", uri=True)  # (uri: a RevlogSource attaches its file read-only)
    db.executescript(_SCHEMA)
    deck_ids = [deck_id_for(d.name) for d in decks]
    deck_map = {"1": _deck_json(1, "Default", "", now_s)}
    deck_map["1"]["usn"] = 0
    parents = {PARENT_DECK: ""}
    for deck in decks:  # every ancestor must exist as a deck of its own
        parts = deck.name.split("::")
        for depth in range(1, len(parts)):
            parents.setdefault("::".join(parts[:depth]), "")
    for name, desc in parents.items():
        if name not in {d.name for d in decks}:
            deck_map[str(deck_id_for(name))] = _deck_json(deck_id_for(name), name, desc, now_s)
    for deck, did in zip(decks, deck_ids):
        deck_map[str(did)] = _deck_json(did, deck.name, deck.description, now_s)

    note_rows, card_rows, revlog_rows, logged = [], [], [], []
    used_ids: set[int] = set()
    next_free: dict[int, int] = {}
    models_used: dict[int, NoteType] = {}
    written = 0
    position = 0
    for note in notes:
        model = note.note_type
        models_used[model.id] = model
        if len(note.fields) != len(model.fields):
            raise ValueError(f"{note.key}: {len(note.fields)} fields for note type {model.name!r}")
        base = _ms(note.modified)
        nid = next_free.get(base, base)  # many cards share a sync time: spread them, in O(1)
        while nid in used_ids:
            nid += 1
        used_ids.add(nid)
        next_free[base] = nid + 1
        mod_s = _ms(note.modified) // 1000
        sort_text = _sort_text(note.fields[0])
        csum = int(hashlib.sha1(sort_text.encode()).hexdigest()[:8], 16)
        tags = " ".join(dict.fromkeys(note.tags))
        note_rows.append((nid, guid_for(note.key), model.id, mod_s, -1, f" {tags} " if tags else "",
                          _FIELD_SEP.join(note.fields), sort_text, csum, 0, ""))
        cid = nid  # a note has one card; the two id spaces are separate
        did = deck_ids[note.deck]
        state = note.card
        if state is None:
            position += 1
            card_rows.append((cid, nid, did, 0, mod_s, -1, 0, -1 if note.suspended else 0, position,
                              0, 0, 0, 0, 0, 0, 0, 0, ""))
        else:
            card_rows.append((cid, nid, did, 0, mod_s, -1, 2, -1 if state.suspended else 2,
                              (state.due - EPOCH).days, max(1, state.interval), state.ease_pct * 10,
                              state.reviews, state.lapses, 0, 0, 0, 0, ""))
        if state is not None and note.log_id is not None:
            logged.append((note.log_id, cid))
        for at, quality, duration, before, after, ease, kind in note.reviews:  # positional: 100,000s
            revlog_rows.append(((at - _UNIX) // _ONE_MS if at.tzinfo is None else _ms(at), cid, len(revlog_rows),
                                _BUTTONS[quality], after, before, ease * 10,
                                duration if 0 <= duration < 2**31 else max(0, min(duration, 2**31 - 1)), kind))
        written += 1
        if progress is not None and written % 250 == 0:
            progress(250)
    if progress is not None and written % 250:
        progress(written % 250)

    conf = {
        "nextPos": position + 1, "estTimes": True, "activeDecks": [1], "sortType": "noteFld", "timeLim": 0,
        "sortBackwards": False, "addToCur": True, "curDeck": 1, "newSpread": 0, "dueCounts": True,
        "curModel": str(next(iter(models_used), CONCEPT.id)), "collapseTime": 1200,
        "schedVer": 2, "rollover": int(day_starts_at), "creationOffset": 0,
    }
    models = {str(m.id): m.to_json() for m in models_used.values()}
    db.execute("INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)",
               (_EPOCH_SECS, now_ms, now_ms, json.dumps(conf), json.dumps(models), json.dumps(deck_map),
                json.dumps({"1": _DECK_CONFIG}), "{}"))
    db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    db.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)
    db.execute(f"CREATE TEMP TABLE revlog_raw ({', '.join(REVLOG_RAW)})")
    db.executemany("INSERT INTO temp.revlog_raw VALUES (?,?,?,?,?,?,?,?,?)", revlog_rows)
    if revlog_source is not None and logged:
        revlog_source(db, logged)
    db.execute(_SORT)
    db.execute("DROP TABLE temp.revlog_raw")
    revlog = db.execute(_SPREAD).rowcount
    db.execute("DROP TABLE temp.revlog_sorted")
    db.executescript(_INDEXES)
    db.commit()
    blob = db.serialize()
    db.close()
    return blob, (len(note_rows), revlog)

"""Writing Anki packages (.apkg): note types, decks, notes, and optionally scheduling.

Why this writes the package itself (Python's sqlite3 + zipfile, no third-party library)
------------------------------------------------------------------------------------------
An .apkg is a zip holding `collection.anki2` (an SQLite collection, schema 11, the format
every Anki client still imports: desktop, AnkiDroid, AnkiMobile) and a `media` map. Three
ways to produce one were weighed:

* genanki: fine for notes, note types and GUIDs, but it cannot write card state or revlog
  rows, stamps every note with the export time instead of the card's own modification time,
  numbers ids from the clock, and writes the zip straight to the target path. Carrying
  progress would mean rewriting, after genanki, nearly every row it wrote (notes.mod, every
  scheduling column of cards, col.crt and the day-rollover config, the whole revlog) through
  its undocumented `write_to_db` internals. At that point we must know the schema anyway and
  genanki only adds a dependency (chevron, frozendict, cached-property) to fight.
* the `anki` package itself (Anki's Rust backend): the most faithful writer, but a ~30 MB
  runtime dependency with its own protobuf pin for every flashdeck user, built around an open
  collection (notes added through its API, then state patched in SQL regardless). It stays a
  dev dependency: the tests import every package we write with it, which is the proof that
  matters.
* the schema directly (this module): a few hundred lines we own, every column under our
  control (stable GUIDs, note mtime = card changed_at, card type/queue/due/ivl/factor, revlog
  rows), no runtime dependency, and fast (about a second to write 10,000 notes with 130,000
  revlog rows). The schema-11 layout is frozen: Anki has imported it unchanged since 2.1.0,
  and its current importer upgrades it on the way in.

How progress survives Anki's importer (rslib import_export/package/apkg/import)
------------------------------------------------------------------------------
* Notes are matched by GUID. Ours is derived from the card's stable key `deck_id/card_id`,
  so a re-export updates the note (the importer's default "update if newer" compares note
  mtimes; ours is the card's `changed_at`) and never duplicates it. Cards of a note that
  already exists are left alone, so re-importing never overwrites scheduling done in Anki.
* Note types are matched by id; their field and template names must never change (the
  importer adds a copy of a note type whose names differ, and then refuses to update notes).
  `MODELS_MTIME` is bumped when templates or CSS change, so the new look replaces the old.
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
import json
import os
from operator import itemgetter
import re
import signal
import sqlite3
import stat
import tempfile
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, which guards a live one as well
    fcntl = None

__all__ = [
    "AnkiCard", "AnkiDeck", "AnkiNote", "AnkiReview", "MODELS", "NoteType", "PackageError", "Stopped",
    "anki_button", "guid_for", "stop_signals", "write_package",
]

# The collection's creation day. `due` of review cards counts days from it.
EPOCH = date(2006, 1, 1)
_EPOCH_SECS = int(datetime(EPOCH.year, EPOCH.month, EPOCH.day, 12, tzinfo=timezone.utc).timestamp())
MODELS_MTIME = 1_763_900_000  # bump when a template or the CSS changes (never rename fields)
PARENT_DECK = "flashdeck"
_FIELD_SEP = "\x1f"


class PackageError(Exception):
    """The package could not be written; str() is one line for the learner."""


class Stopped(KeyboardInterrupt):
    """SIGTERM, SIGHUP or SIGINT arrived inside `stop_signals()`. Raised where the signal
    landed, so `finally` blocks run and the temporary file goes; the target is as it was.
    A KeyboardInterrupt, so code that already handles Ctrl+C handles this too."""

    NAMES = {signal.SIGINT: "Ctrl+C", signal.SIGTERM: "SIGTERM"}

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = self.NAMES.get(signum) or signal.Signals(signum).name

    def __str__(self) -> str:
        return f"stopped by {self.name}"


# --------------------------------------------------------------------------- note types

_CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 19px; line-height: 1.5; text-align: left;
  color: #1f2328; background-color: #ffffff;
}
.fd { max-width: 44em; margin: 0 auto; padding: 0.4em 0.8em 1.2em; }
.fd p { margin: 0.45em 0; }
.fd ul, .fd ol { margin: 0.4em 0; padding-left: 1.4em; }
.fd-question { font-size: 1.08em; }
.fd-label { font-size: 0.72em; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase;
  color: #656d76; margin: 1.1em 0 0.2em; }
.fd-section { border-top: 1px solid #d0d7de; margin-top: 0.9em; }
.fd-source, .fd-key { font-size: 0.78em; color: #656d76; margin-top: 1em; }
.fd-key { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.fd-alt { color: #656d76; font-size: 0.9em; }
.fd-math { overflow-x: auto; margin: 0.5em 0; }
hr#answer { border: none; border-top: 2px solid #d0d7de; margin: 1em 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.86em; background: #f3f4f6; border-radius: 4px; padding: 0.08em 0.3em; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.7em 0.9em;
  overflow-x: auto; line-height: 1.4; }
pre code { background: none; padding: 0; font-size: 0.8em; white-space: pre; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.6em; }
.nightMode .card, .night_mode .card, .card.nightMode, .card.night_mode {
  color: #e6edf3; background-color: #0d1117;
}
.nightMode .fd-label, .night_mode .fd-label, .nightMode .fd-source, .night_mode .fd-source,
.nightMode .fd-key, .night_mode .fd-key, .nightMode .fd-alt, .night_mode .fd-alt { color: #9198a1; }
.nightMode .fd-section, .night_mode .fd-section, .nightMode hr#answer, .night_mode hr#answer,
.nightMode th, .night_mode th, .nightMode td, .night_mode td { border-color: #30363d; }
.nightMode code, .night_mode code { background: #262c36; }
.nightMode pre, .night_mode pre { background: #161b22; border-color: #30363d; }
.nightMode pre code, .night_mode pre code { background: none; }
@media (max-width: 600px) {
  .card { font-size: 17px; }
  .fd { padding: 0.2em 0.3em 1em; }
  pre { padding: 0.5em 0.6em; }
}
"""


def _section(field_name: str, label: str) -> str:
    return (f'{{{{#{field_name}}}}}<div class="fd-section"><div class="fd-label">{label}</div>'
            f"{{{{{field_name}}}}}</div>{{{{/{field_name}}}}}")


def _back(kind_class: str, *sections: str) -> str:
    return ("{{FrontSide}}\n<hr id=answer>\n"
            f'<div class="fd {kind_class}">\n' + "\n".join(sections) + "\n"
            '{{#Source}}<div class="fd-source">Source: {{Source}}</div>{{/Source}}\n'
            '<div class="fd-key">flashdeck {{Key}}</div>\n</div>')


def _front(kind_class: str, body: str) -> str:
    return f'<div class="fd {kind_class}">\n{body}\n</div>'


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    fields: tuple[str, ...]
    qfmt: str
    afmt: str

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "type": 0, "mod": MODELS_MTIME, "usn": -1,
            "sortf": 0, "did": None, "tags": [], "vers": [],
            "flds": [{"name": name, "ord": i, "sticky": False, "rtl": False, "font": "Arial", "size": 20,
                      "media": []} for i, name in enumerate(self.fields)],
            "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": self.qfmt, "afmt": self.afmt, "bqfmt": "", "bafmt": "",
                       "did": None, "bfont": "", "bsize": 0}],
            "css": _CSS,
            "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n"
                        "\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}", "latexsvg": False,
            "req": [[0, "any", [0]]],
        }


# Fixed ids: never change them, nor the field or template names (see the module docstring).
CONCEPT = NoteType(
    id=1763900000101, name="flashdeck concept",
    fields=("Front", "Back", "Explanation", "Key points", "Source", "Key"),
    qfmt=_front("fd-concept", '<div class="fd-question">{{Front}}</div>'),
    afmt=_back("fd-concept", '<div class="fd-answer">{{Back}}</div>',
               _section("Key points", "Key points"), _section("Explanation", "Why")),
)
MATH = NoteType(
    id=1763900000102, name="flashdeck math",
    fields=("Front", "Back", "Formula", "Variables", "Explanation", "Source", "Key"),
    qfmt=_front("fd-math-card", '<div class="fd-question">{{Front}}</div>'),
    afmt=_back("fd-math-card", '<div class="fd-answer">{{Back}}</div>',
               _section("Formula", "Answer as typed in flashdeck"), _section("Variables", "Variables"),
               _section("Explanation", "Why")),
)
DRILL = NoteType(
    id=1763900000103, name="flashdeck drill",
    fields=("Front", "Prompt", "Signature", "Back", "Solution", "Hints", "Source", "Key"),
    qfmt=_front("fd-drill", '<div class="fd-question">{{Front}}</div>\n'
                '{{#Signature}}<div class="fd-label">Implement</div>{{Signature}}{{/Signature}}\n'
                + _section("Prompt", "Task")),
    # the drill card's own back already quotes the solution: shown only when the folder is gone
    afmt=_back("fd-drill", '{{^Solution}}<div class="fd-answer">{{Back}}</div>{{/Solution}}',
               _section("Solution", "Reference solution"), _section("Hints", "Hints")),
)
MODELS: dict[str, NoteType] = {"concept": CONCEPT, "scenario": CONCEPT, "math": MATH, "drill": DRILL}


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
    import html as _html

    return _html.unescape(_TAG_RE.sub("", html_text)).strip()


# --------------------------------------------------------------------------- the writer

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


def _deck_json(deck_id: int, name: str, description: str, now_s: int) -> dict:
    return {
        "id": deck_id, "name": name, "desc": description, "mod": now_s, "usn": -1, "dyn": 0, "conf": 1,
        "collapsed": False, "browserCollapsed": False, "extendNew": 0, "extendRev": 0,
        "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
    }


def check_writable(path: Path) -> None:
    """Raise PackageError now if `path` cannot be written (write_package checks again)."""
    with stop_signals(), _temp_beside(Path(path)):
        pass


# --------------------------------------------------------------------------- stop signals

# SIGTERM and SIGHUP kill Python without running `finally` (a 0-byte temp file stayed behind);
# SIGINT does raise, but a second Ctrl+C could land in the cleanup itself.
_STOP_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGHUP", "SIGINT")) if s)


class _StopState:
    def __init__(self) -> None:
        self.previous: dict[int, object] = {}
        self.fired = False  # one Stopped per guard: a second signal would interrupt the cleanup
        self.deferring = 0  # inside _deferred(): the signal waits in `pending`
        self.pending: int | None = None


_stop_state: _StopState | None = None


def _on_stop(signum, _frame) -> None:
    state = _stop_state
    if state is None or state.fired:
        return
    state.fired = True
    if state.deferring:
        state.pending = signum
        return
    raise Stopped(signum)


def _is_default(signum: int, handler) -> bool:
    # Only the dispositions that would end the process are taken over: an ignored signal or a
    # handler someone installed stays theirs.
    if signum == getattr(signal, "SIGINT", None):
        return handler is signal.default_int_handler
    return handler == signal.SIG_DFL


@contextmanager
def stop_signals() -> Iterator[None]:
    """While inside, a stop signal (SIGTERM, SIGHUP, SIGINT) raises Stopped, so the cleanup in
    `finally` blocks runs. The previous handlers come back on the way out.

    Signal handlers belong to the main thread: elsewhere (the TUI's export worker) and inside
    an outer stop_signals() this does nothing more."""
    global _stop_state
    if _stop_state is not None or threading.current_thread() is not threading.main_thread():
        yield
        return
    state = _StopState()
    try:
        for signum in _STOP_SIGNALS:
            previous = signal.getsignal(signum)
            if _is_default(signum, previous):
                signal.signal(signum, _on_stop)
                state.previous[signum] = previous
    except ValueError:  # not the main interpreter
        pass
    _stop_state = state
    try:
        yield
    finally:
        _stop_state = None
        for signum, previous in state.previous.items():
            signal.signal(signum, previous)
        if state.pending is not None:
            # it came while the finished package was being put in place: now it does what it
            # would have done without the guard
            signal.raise_signal(state.pending)


@contextmanager
def _deferred(*, then_raise: bool) -> Iterator[None]:
    """A stop signal waits until the block is done: then it raises Stopped (`then_raise`) or,
    for a package already in place, is delivered when stop_signals() ends."""
    state = _stop_state if threading.current_thread() is threading.main_thread() else None
    if state is None:
        yield
        return
    state.deferring += 1
    try:
        yield
    finally:
        state.deferring -= 1
    if then_raise and state.pending is not None:
        signum, state.pending = state.pending, None
        raise Stopped(signum)


# --------------------------------------------------------------------------- temporary files

# `.<target>.<pid>-<mkstemp's 8 characters>.tmp`; before the pid was in the name, `.<target>.<8>.tmp`
_TEMP_MIDDLE = re.compile(r"(?:(\d+)-)?[a-z0-9_]{8}")
# A leftover whose writer's pid still runs (or whose name carries none) may belong to an export
# in progress; the lock says otherwise only for writers that take it (older ones did not, and
# some file systems refuse locks). Past this age, no export of a deck is still running.
STALE_AFTER_S = 3600
_live_temps: set[str] = set()  # this process's own: a thread can be between mkstemp and the lock
_live_lock = threading.Lock()


class _Temp:
    def __init__(self) -> None:
        self.fd: int | None = None
        self.path: Path | None = None
        self.placed = False  # renamed to the target: nothing left to delete


@contextmanager
def _temp_beside(path: Path) -> Iterator[_Temp]:
    """A new temporary file beside `path`, deleted on the way out unless it was `placed`."""
    if path.is_dir():
        raise PackageError(f"cannot write {path}: it is a folder")
    _remove_stale_temps(path)
    temp = _Temp()
    try:
        # no Stopped between mkstemp and `temp` knowing the name: that file would stay behind
        with _deferred(then_raise=True):
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp")
            temp.fd, temp.path = fd, Path(name)
            with _live_lock:
                _live_temps.add(name)
        if fcntl is not None:
            try:
                # held until the file is in place or deleted: the next export's cleanup sees a
                # live writer, whatever pid namespace or host it runs in
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                pass  # no locks here: the pid in the name and the age still protect it
        yield temp
    except FileNotFoundError:
        if temp.path is not None:
            raise
        raise PackageError(f"cannot write {path}: the folder {path.parent} does not exist") from None
    except OSError as exc:
        if temp.path is not None:
            raise
        raise PackageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if temp.path is not None:
            if not temp.placed:
                temp.path.unlink(missing_ok=True)  # before the lock goes: no cleanup races it
            try:
                os.close(temp.fd)
            except OSError:
                pass
            with _live_lock:
                _live_temps.discard(str(temp.path))


def _remove_stale_temps(path: Path) -> None:
    """Delete the temporary files an export to `path` left when it was killed (kill -9, a
    power cut): only names of this target's pattern, only when no live writer holds them."""
    prefix, suffix = f".{path.name}.", ".tmp"
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return  # the caller's mkstemp reports the folder
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        found = _TEMP_MIDDLE.fullmatch(name[len(prefix):-len(suffix)])
        if found is None:
            continue
        with _live_lock:
            if entry.path in _live_temps:
                continue
        try:
            _remove_if_stale(Path(entry.path), int(found.group(1)) if found.group(1) else None)
        except OSError:
            pass  # not ours to delete, or gone already: never a reason to fail the export


def _remove_if_stale(tmp: Path, pid: int | None) -> None:
    # O_NONBLOCK: a FIFO with that name must not hang the export
    fd = os.open(tmp, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # a live export is writing it
            except OSError:
                pass  # no locks on this file system: judge by pid and age alone
        old = time.time() - info.st_mtime > STALE_AFTER_S
        # our own pid, yet not in _live_temps: an earlier process had this pid (containers)
        if old or (pid is not None and (pid == os.getpid() or not _pid_running(pid))):
            tmp.unlink()
    finally:
        os.close(fd)


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or no way to tell: keep the file
    try:  # a killed writer its parent has not reaped yet still answers kill(0)
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def write_package(
    path: Path,
    decks: Sequence[AnkiDeck],
    notes: Iterable[AnkiNote],
    *,
    day_starts_at: int = 4,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Write an .apkg at `path`, atomically: a temporary file beside it, then os.replace.

    `progress(n)` is called as notes are written. Returns (notes written, revlog rows).
    Raises PackageError (one line) when the target cannot be written, Stopped when a stop
    signal arrives (main thread only); either way no temporary file stays and `path` is as it
    was. Leftovers of killed exports to `path` are deleted first."""
    path = Path(path)
    now = now or datetime.now(timezone.utc)
    now_ms = _ms(now)
    # Fail before any work if the folder cannot take the file.
    with stop_signals(), _temp_beside(path) as temp:
        try:
            # closefd=False: the descriptor (and its lock) lives until the file is in place
            with open(temp.fd, "wb", closefd=False) as handle:
                blob, counts = _collection_bytes(decks, notes, day_starts_at, now_ms, progress)
                with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                    zf.writestr("collection.anki2", blob)
                    zf.writestr("media", "{}")
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp.path, 0o666 & ~_umask())  # mkstemp makes it 0600; a package is an ordinary file
            with _deferred(then_raise=False):
                os.replace(temp.path, path)
                temp.placed = True
        except OSError as exc:
            raise PackageError(f"cannot write {path}: {exc.strerror or exc}") from None
    return counts


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _collection_bytes(decks, notes, day_starts_at, now_ms, progress) -> tuple[bytes, tuple[int, int]]:
    now_s = now_ms // 1000
    db = sqlite3.connect(":memory:")
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

    note_rows, card_rows, revlog_rows = [], [], []
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
        for at, quality, duration, before, after, ease, kind in note.reviews:  # positional: 100,000s
            revlog_rows.append(((at - _UNIX) // _ONE_MS if at.tzinfo is None else _ms(at), cid, -1,
                                _BUTTONS[quality], after, before, ease * 10,
                                duration if 0 <= duration < 2**31 else max(0, min(duration, 2**31 - 1)), kind))
        written += 1
        if progress is not None and written % 250 == 0:
            progress(250)
    if progress is not None and written % 250:
        progress(written % 250)

    # revlog ids are review times in ms (Anki shows them as such); equal times are spread
    # over the next free milliseconds, in time order
    revlog_rows.sort(key=itemgetter(0))
    last = -1
    for i, row in enumerate(revlog_rows):
        if row[0] <= last:
            revlog_rows[i] = (last + 1, *row[1:])
        last = revlog_rows[i][0]

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
    db.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", revlog_rows)
    db.executescript(_INDEXES)
    db.commit()
    blob = db.serialize()
    db.close()
    return blob, (len(note_rows), len(revlog_rows))

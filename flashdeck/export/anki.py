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
* the schema directly (these modules): a few hundred lines we own, every column under our
  control (stable GUIDs, note mtime = card changed_at, card type/queue/due/ivl/factor, revlog
  rows), no runtime dependency, and fast (about a second to write 10,000 notes with 130,000
  revlog rows). The schema-11 layout is frozen: Anki has imported it unchanged since 2.1.0,
  and its current importer upgrades it on the way in.

Where each part lives: the note types, their templates and CSS in `anki_notetypes`; the
collection (decks, notes, scheduling, review log, and how it survives Anki's importer) in
`anki_collection`; the file itself, written atomically and cleaned up after a stop signal or
a killed export, in `anki_package`. This module is what the rest of flashdeck imports.
"""

from __future__ import annotations

from flashdeck.export.anki_collection import (
    EPOCH, PARENT_DECK, REVLOG_RAW, AnkiCard, AnkiDeck, AnkiNote, AnkiReview, RevlogSource, anki_button, deck_id_for,
    deck_name, guid_for, tag_for,
)
from flashdeck.export.anki_notetypes import CONCEPT, DRILL, MATH, MODELS, MODELS_MTIME, NoteType
from flashdeck.export.anki_package import (
    STALE_AFTER_S, PackageError, Stopped, check_writable, stop_signals, write_package,
)

__all__ = [
    "AnkiCard", "AnkiDeck", "AnkiNote", "AnkiReview", "MODELS", "NoteType", "PackageError", "REVLOG_RAW",
    "RevlogSource", "Stopped",
    "anki_button", "guid_for", "stop_signals", "write_package",
    # used by the export service and the tests
    "CONCEPT", "DRILL", "EPOCH", "MATH", "MODELS_MTIME", "PARENT_DECK", "STALE_AFTER_S",
    "check_writable", "deck_id_for", "deck_name", "tag_for",
]

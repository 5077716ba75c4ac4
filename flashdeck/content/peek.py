"""A deck file's id, and a card's line, read without parsing the YAML (standard library only:
the quick start and `flashdeck stats` use it before SQLAlchemy or PyYAML are imported).

Used to tell whether a bundled deck is overridden by one of the learner's decks (same deck
id) without parsing either, and to open the learner's copy of a deck at a card's entry. A
deck written in an unusual style (an id in flow style, say) is simply not recognised here:
the callers then parse it properly.
"""

from __future__ import annotations

import re
from pathlib import Path

_DECK_ID = re.compile(r"""^id:[ \t]*(["']?)([a-z0-9][a-z0-9_-]*)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def _text(path: Path) -> str | None:
    # A stray non-UTF-8 byte elsewhere in the file (a broken edit, say) must not hide the id
    # or a card's line: the file still names them, and the loader reports the byte.
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def deck_id(path: Path) -> str | None:
    """The top-level `id:` of a deck file, or None if it cannot be read or has none."""
    text = _text(path)
    if text is None:
        return None
    found = _DECK_ID.search(text)
    return found.group(2) if found else None


def card_line(path: Path, card_id: str) -> int | None:
    """The line (from 1) of the card entry `- id: <card_id>` in a deck file, or None."""
    pattern = re.compile(rf"""^[ \t]*-[ \t]+id:[ \t]*(["']?){re.escape(card_id)}\1[ \t]*(?:#.*)?$""")
    text = _text(path)
    if text is None:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None

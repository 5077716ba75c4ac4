"""A deck file's `cards:` list as one chunk of text per card, so that a start after editing
one card of a big file parses that card alone (issue 21: 100,000 cards, 16 s before).

A chunk runs from a card's `- ` line to the next card's. Its digest (of its text, salted with
what else decides how a card is read) says whether the card is as the database has it. Only
the plain shape is split: a top-level `cards:` whose block list is the rest of the file, with
`\\n` line ends. Anything else (a flow list, a key after the list, other line breaks) returns
None, and the file is parsed whole, as always.

A split can be wrong only where a card's text holds a line that looks like an item at the
list's indent (a quoted scalar running on, say). Such a file has more chunks than its full
parse has cards, so no digest of it is ever kept (`aligned`), and a digest is only ever
trusted when it was kept.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass

# bump when the loader reads a card differently: every kept digest is then unknown
_READER_VERSION = "1"
_CARDS_KEY = re.compile(rb"\ncards:[ \t]*(?:#[^\n]*)?(?=\n)")  # "\n" first: a literal the search can skip to
# line breaks to YAML (CR, NEL, LS, PS in UTF-8), not to bytes.count(b"\n")
_OTHER_BREAKS = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


@dataclass(frozen=True, slots=True)
class Chunks:
    """The chunks of a file, in file order, as parallel lists (100,000 objects cost a third of a second)."""

    digests: list[str]
    lines: list[int]  # the line (from 1) each starts at: its `- `
    starts: list[int]  # byte offsets into the file
    ends: list[int]

    def __len__(self) -> int:
        return len(self.digests)

    def subset(self, indices: list[int]) -> Chunks:
        return Chunks(*([column[i] for i in indices] for column in (self.digests, self.lines, self.starts, self.ends)))


def salt(drill_ids: set[str] | None) -> str:
    """What besides a card's own text decides how it is read: the known coding drills."""
    drills = "*" if drill_ids is None else ",".join(sorted(drill_ids))
    return f"{_READER_VERSION}|{drills}|"


def split(raw: bytes, salt: str) -> Chunks | None:
    """The chunks of the cards list, in file order, or None if the file is not of the plain
    shape. Bytes, not text: 100,000 cards split in a tenth of a second."""
    if b"\r" in raw or (any(last in raw for last in (b"\x85", b"\xa8", b"\xa9"))  # one byte: a quick scan
                         and any(mark in raw for mark in _OTHER_BREAKS)):
        return None
    found = list(_CARDS_KEY.finditer(raw))
    if len(found) != 1 or raw.startswith(b"cards:"):
        return None
    body = found[0].end()  # the "\n" that ends the key's line: the patterns below start at one
    ended = raw + b"\n"  # the last line ends as the others do
    first = re.compile(rb"\n( *)-(?= |\n)").search(ended, body)
    if first is None or _has_content(raw[body:first.start()]):
        return None
    indent = len(first.group(1))
    start = first.start() + 1
    # a line the list's block cannot hold: no more indented than its items, and not an item
    outside = re.compile(rb"\n {0,%d}(?!-(?: |\n))[^ \n#]" % indent)
    if outside.search(raw, start - 1):
        return None
    item = re.compile(rb"\n {%d}-(?= |\n)" % indent)
    starts = [start] + [m.start() + 1 for m in item.finditer(ended, start)]
    ends = starts[1:] + [len(raw)]
    first_line = raw.count(b"\n", 0, start) + 1
    lines = list(itertools.accumulate((raw.count(b"\n", begin, end) for begin, end in zip(starts, ends[:-1])),
                                      initial=first_line))
    view = memoryview(raw)
    key = hashlib.blake2b(salt.encode(), digest_size=32).digest()
    digests = [hashlib.blake2b(view[begin:end], key=key, digest_size=16).hexdigest() for begin, end in zip(starts, ends)]
    return Chunks(digests, lines, starts, ends)


def aligned(chunks: Chunks | None, item_lines: list[int]) -> bool:
    """Whether each chunk holds exactly one item of the parsed list (the split was right)."""
    if chunks is None or len(chunks) != len(item_lines):
        return False
    following = chunks.lines[1:] + [None]
    return all(first <= line and (nxt is None or line < nxt) for first, line, nxt in zip(chunks.lines, item_lines, following))


def masked(raw: bytes, chunks: Chunks, keep: set[int]) -> bytes:
    """The file with every chunk not in `keep` (by index) blanked to its line breaks: the same
    document, its other cards at the same lines, without the cards the database already has."""
    parts = [raw[:chunks.starts[0]]] if len(chunks) else [raw]
    for index, (start, end) in enumerate(zip(chunks.starts, chunks.ends)):
        parts.append(raw[start:end] if index in keep else b"\n" * raw.count(b"\n", start, end))
    return b"".join(parts)


def _has_content(text: bytes) -> bool:
    return any(line.strip() and not line.lstrip().startswith(b"#") for line in text.split(b"\n"))

"""Deck files -> domain Decks, with every problem reported as `path:line: message`.

A problem with the file itself (its YAML, its deck id, title or cards list) yields no deck at
all, so a typo there can never retire a deck's cards. A problem with one card leaves that card
out and loads the rest: the problem carries the card's id, so the sync can keep the card as it
was. One bad file never stops the others loading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from flashdeck.content import deck_chunks
from flashdeck.content.yaml_lines import LineDict, LineList, load_reading_cards
from flashdeck.domain.cards import KINDS, Card, Deck, Placed
from flashdeck.domain.suggest import unknown_id
from flashdeck.domain.topics import TOPICS

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DECK_KEYS = {"id", "title", "description", "cards"}
COMMON_KEYS = {"id", "kind", "topics", "front", "back", "explanation", "source"}
KEYS_BY_KIND = {
    "concept": COMMON_KEYS | {"key_points"},
    "math": COMMON_KEYS | {"answer", "variables"},
    "scenario": COMMON_KEYS | {"key_points"},
    "drill": COMMON_KEYS | {"drill"},
}
REQUIRED_BY_KIND = {
    "concept": {"id", "kind", "topics", "front", "back"},
    "math": {"id", "kind", "topics", "front", "back", "answer", "variables"},
    "scenario": {"id", "kind", "topics", "front", "back", "key_points"},
    "drill": {"id", "kind", "topics", "front", "back", "drill"},
}


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    message: str
    # set when the problem only left this card out (its deck loaded without it)
    card_id: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    decks: tuple[Deck, ...]
    problems: tuple[Problem, ...]


class _Collector:
    def __init__(self, path: str, card_id: str | None = None):
        self.path = path
        self.card_id = card_id
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, self.card_id))


def deck_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_deck_file(path: Path, drill_ids: set[str] | None = None) -> tuple[Deck | None, list[Problem]]:
    """Parse and validate one file. `drill_ids`, when given, is checked against `drill:` fields."""
    deck, problems, _ = load_deck_layout(path, drill_ids)
    return deck, problems


def load_deck_layout(path: Path, drill_ids: set[str] | None = None, known: dict[str, str] | None = None
                     ) -> tuple[Deck | None, list[Problem], tuple[Placed, ...]]:
    """load_deck_file, plus where each card is in the file (deck_chunks). `known`: the chunk
    digests the database has for this deck, each to its card id. When most of the file's
    chunks are known, only the others are parsed and the known ones come back `kept`; any
    doubt (a problem, a clash of ids) parses the whole file, so the result is the same."""
    shown = str(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, f"cannot read: {exc.strerror or exc}")], ()
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(shown, raw_bytes, exc)], ()
    chunks = deck_chunks.split(raw_bytes, deck_chunks.salt(drill_ids))
    if known and chunks:
        partial = _load_changed_chunks(raw_bytes, shown, chunks, known, drill_ids)
        if partial is not None:
            return partial[0], [], partial[1]
    try:
        data, reader = _parse(text, shown, drill_ids)
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(shown, exc)], ()
    deck, problems, loaded = _deck(data, shown, reader)
    if deck is None:
        return None, problems, ()
    item_lines = data["cards"].item_lines
    if deck_chunks.aligned(chunks, item_lines):
        layout = tuple(Placed(card.card_id, chunks.digests[index], chunks.lines[index]) for index, card in loaded)
    else:
        layout = tuple(Placed(card.card_id, None, None) for _, card in loaded)
    return deck, problems, layout


def _load_changed_chunks(raw: bytes, shown, chunks, known, drill_ids) -> tuple[Deck, tuple[Placed, ...]] | None:
    """The deck from its unknown chunks alone, or None to parse the whole file."""
    unknown = [index for index, digest in enumerate(chunks.digests) if digest not in known]
    if len(unknown) * 2 > len(chunks):
        return None  # mostly new: one whole parse is quicker
    masked = deck_chunks.masked(raw, chunks, set(unknown))
    if not unknown:  # the list is all blank lines now: say it is empty, on the same line
        key = masked.rindex(b"cards:", 0, chunks.starts[0])
        masked = masked[:key] + b"cards: []" + masked[key + len(b"cards:"):]
    try:
        data, reader = _parse(masked.decode("utf-8"), shown, drill_ids)
    except yaml.YAMLError:
        return None
    deck, problems, loaded = _deck(data, shown, reader)
    if deck is None or problems or len(loaded) != len(unknown):
        return None
    if not deck_chunks.aligned(chunks.subset(unknown), data["cards"].item_lines):
        return None
    by_index = {unknown[n]: card for n, (_, card) in enumerate(loaded)}
    layout = tuple(Placed(by_index[index].card_id, digest, line) if index in by_index
                   else Placed(known[digest], digest, line, kept=True)
                   for index, (digest, line) in enumerate(zip(chunks.digests, chunks.lines)))
    if len({placed.card_id for placed in layout}) != len(layout):
        return None  # a card id twice: the whole parse names the lines
    return deck, layout


def _syntax_problem(shown: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start is not None and start.line + 1 != line:
        problem = f"{problem} ({context} that starts at line {start.line + 1})"
    return Problem(shown, line, f"YAML syntax: {problem}")


def _parse(text: str, shown: str, drill_ids) -> tuple[LineDict, _CardReader]:
    """The file's document, its cards read as the parser streams them (yaml.YAMLError on bad syntax)."""
    return load_reading_cards(text, lambda: _CardReader(shown, drill_ids))


def _deck(data, shown: str, reader: _CardReader) -> tuple[Deck | None, list[Problem], list[tuple[int, Card]]]:
    """The deck a parsed file holds, its problems, and each loaded card with its item's index."""
    out = _Collector(shown)
    if not isinstance(data, LineDict):
        return None, [Problem(shown, 1, "a deck file must be a mapping with id, title, description and cards")], []
    _check_duplicates(data, out)
    for key in sorted(set(data) - DECK_KEYS, key=str):
        out.add(data.key_lines[key], f"unknown deck key '{key}' (allowed: {', '.join(sorted(DECK_KEYS))})")
    deck_id = data.get("id")
    if deck_id is None:
        out.add(data.line, "deck is missing 'id'")
    elif not isinstance(deck_id, str) or not ID_PATTERN.match(deck_id):
        out.add(data.key_lines["id"], f"deck id {deck_id!r} must match [a-z0-9][a-z0-9_-]*")
    title = _text(data, "title", out, required=True)
    description = _text(data, "description", out, required=False)

    raw_cards = data.get("cards")
    if raw_cards is None:
        out.add(data.line, "deck has no 'cards' list")
    elif not isinstance(raw_cards, list):
        out.add(data.key_lines["cards"], "'cards' must be a list")
    elif not reader.streamed:
        for index, (raw, line) in enumerate(zip(raw_cards, raw_cards.item_lines)):
            reader.read(raw, index, line, deck_id)
    if out.problems:
        return None, out.problems + reader.problems, []
    deck = Deck(id=deck_id, title=title, description=description, path=shown,
                cards=tuple(card for _, card in reader.loaded))
    return deck, reader.problems, reader.loaded


class _CardReader:
    """Each item of a file's cards list, read in file order into a Card or its problems: as
    the parser builds them when it can (yaml_lines.load_reading_cards), so that a big file never
    holds all its cards' mappings at once."""

    def __init__(self, shown: str, drill_ids: set[str] | None):
        self.shown, self.drill_ids = shown, drill_ids
        self.seen: dict[str, int] = {}
        self.loaded: list[tuple[int, Card]] = []  # each card with its item's index
        self.problems: list[Problem] = []
        self.streamed: bool | None = None  # None: no item seen yet

    def __call__(self, root: LineDict, raw, index: int, line: int):
        if self.streamed is None:
            self.streamed = "id" in root  # a deck id written after its cards: read them after the parse
        if not self.streamed:
            return raw
        self.read(raw, index, line, root.get("id"))
        return None

    def read(self, raw, index: int, line: int, deck_id) -> None:
        card_id = raw.get("id") if isinstance(raw, LineDict) else None
        # the id lets the sync keep this card as it was if it is left out
        card_out = _Collector(self.shown, card_id if isinstance(card_id, str) and ID_PATTERN.match(card_id) else None)
        card = _card(raw, index, deck_id if isinstance(deck_id, str) else "", self.seen, self.drill_ids, card_out, line)
        self.problems.extend(card_out.problems)
        if card is not None:
            self.loaded.append((index, card))


def load_decks(paths: list[Path], drill_ids: set[str] | None = None,
               overridable: set[str] | frozenset[str] = frozenset()) -> LoadResult:
    """`overridable`: the paths of bundled deck files; a deck of one of them gives way, silently,
    to a deck of another file with its id (the learner's copy overrides it, as in the sync)."""
    decks: dict[str, Deck] = {}
    problems: list[Problem] = []
    for path in paths:
        deck, found = load_deck_file(path, drill_ids)
        problems.extend(found)
        if deck is None:
            continue
        first = decks.get(deck.id)
        if first is not None:
            if first.path in overridable and deck.path not in overridable:
                decks.pop(deck.id)  # the learner's copy wins (it takes the bundled deck's place)
            elif deck.path in overridable and first.path not in overridable:
                continue
            else:
                problems.append(Problem(deck.path, 1, f"deck id '{deck.id}' is already used by {first.path}"))
                continue
        decks[deck.id] = deck
    return LoadResult(tuple(decks.values()), tuple(problems))


def _not_utf8(shown: str, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    """The line and column of the first byte that is not UTF-8 (an editor's "go to line")."""
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw.count(b"\n", 0, exc.start) + 1
    column = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
    return Problem(shown, line, f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at column {column} ({exc.reason}); "
                                "save the file as UTF-8")


def _check_duplicates(mapping: LineDict, out: _Collector) -> None:
    for key, line in mapping.duplicate_keys:
        out.add(line, f"key '{key}' appears twice")


def _text(mapping: LineDict, key: str, out: _Collector, required: bool) -> str:
    value = mapping.get(key)
    if value is None:
        if required:
            out.add(mapping.line, f"missing '{key}'")
        return ""
    if not isinstance(value, str) or not value.strip():
        out.add(mapping.key_lines[key], f"'{key}' must be non-empty text")
        return ""
    return value.strip()


def _card(raw, index, deck_id, seen, drill_ids, out: _Collector, item_line: int) -> Card | None:
    """The card, or None with its problems added to `out`."""
    if not isinstance(raw, LineDict):
        out.add(item_line, f"card #{index + 1} must be a mapping (id, kind, topics, front, back, ...)")
        return None
    before = len(out.problems)
    _check_duplicates(raw, out)
    line = raw.line
    card_id = raw.get("id")
    label = f"card '{card_id}'" if isinstance(card_id, str) else f"card #{index + 1}"
    if card_id is None:
        out.add(line, f"{label} is missing 'id'")
    elif not isinstance(card_id, str) or not ID_PATTERN.match(card_id):
        out.add(raw.key_lines["id"], f"{label}: id must match [a-z0-9][a-z0-9_-]*")
    elif card_id in seen:
        out.add(raw.key_lines["id"], f"duplicate card id '{card_id}' (first at line {seen[card_id]})")
    else:
        seen[card_id] = raw.key_lines["id"]

    kind = raw.get("kind")
    if kind is None:
        out.add(line, f"{label} is missing 'kind' (one of {', '.join(KINDS)})")
        return None
    if kind not in KINDS:
        out.add(raw.key_lines["kind"], f"{label}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        return None
    allowed = KEYS_BY_KIND[kind]
    for key in raw:
        if key not in allowed:
            out.add(raw.key_lines[key], f"{label}: unknown key '{key}' for a {kind} card (allowed: {', '.join(sorted(allowed))})")
    for key in sorted(REQUIRED_BY_KIND[kind] - set(raw)):
        out.add(line, f"{label} is missing '{key}'")

    topics = raw.get("topics")
    topic_ids: tuple[str, ...] = ()
    if "topics" in raw:
        if not isinstance(topics, list) or not topics or not all(isinstance(t, str) for t in topics):
            out.add(raw.key_lines["topics"], f"{label}: 'topics' must be a non-empty list of topic ids")
        else:
            for topic in topics:
                if topic not in TOPICS:
                    out.add(raw.key_lines["topics"], f"{label}: {unknown_id('topic', topic, TOPICS, list_known=False)}")
            topic_ids = tuple(topics)

    fields = {}
    for key in ("front", "back", "explanation", "source", "answer", "drill"):
        if key in raw:
            value = raw[key]
            if isinstance(value, (int, float)) and key in ("answer",):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                out.add(raw.key_lines[key], f"{label}: '{key}' must be non-empty text")
            else:
                fields[key] = value.strip()

    variables: tuple[tuple[str, str], ...] = ()
    if "variables" in raw:
        value = raw["variables"]
        if not isinstance(value, dict):  # empty is fine: a pure-number answer has no symbols
            out.add(raw.key_lines["variables"], f"{label}: 'variables' must map each symbol to its meaning ({{}} for none)")
        else:
            pairs = []
            for name, meaning in value.items():
                if not isinstance(name, str) or not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", name):
                    out.add(raw.key_lines["variables"], f"{label}: variable {name!r} is not a valid symbol name")
                elif not isinstance(meaning, str) or not meaning.strip():
                    out.add(raw.key_lines["variables"], f"{label}: variable '{name}' needs a meaning")
                else:
                    pairs.append((name, meaning.strip()))
            variables = tuple(pairs)

    key_points: tuple[tuple[str, ...], ...] = ()
    if "key_points" in raw:
        value = raw["key_points"]
        ok = isinstance(value, list) and value and all(
            isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in value
        )
        if not ok:
            out.add(raw.key_lines["key_points"], f"{label}: 'key_points' must be a list of points, each a list of phrasings")
        else:
            key_points = tuple(tuple(s.strip() for s in p) for p in value)

    if kind == "drill" and "drill" in fields and drill_ids is not None and fields["drill"] not in drill_ids:
        out.add(raw.key_lines["drill"], f"{label}: {unknown_id('coding drill', fields['drill'], sorted(drill_ids), list_known=False)}")

    if len(out.problems) > before:
        return None
    return Card(
        deck_id=deck_id,
        card_id=card_id,
        kind=kind,
        topics=topic_ids,
        front=fields.get("front", ""),
        back=fields.get("back", ""),
        explanation=fields.get("explanation", ""),
        source=fields.get("source", ""),
        answer=fields.get("answer", ""),
        variables=variables,
        key_points=key_points,
        drill=fields.get("drill", ""),
        line=line,
    )

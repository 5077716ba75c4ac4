"""The card browser's search syntax, read into a filter. Pure: no I/O.

    attention "scaled dot"  deck:alpha  topic:transformer  is:due

Bare words and quoted phrases must all appear (any case) in a card's front, back or key.
Terms of different kinds narrow the search (AND). Several `deck:` terms, or several card
states (`is:new is:learning`), mean any of them: a card has one deck and one state, so AND
would always find nothing. Several `topic:` terms must all match; `topic:transformer` also
matches `transformer.attention` and every other topic under it.

The browser searches as the learner types, so half-typed input must never raise anything
but QueryError, whose message says what is wrong and what is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from flashdeck.domain.card_state import STATES, CardState
from flashdeck.domain.topics import TOPICS

FLAGS = ("buried", "leech", "due")  # on top of the state
PREFIXES = ("deck", "topic", "is")
SYNTAX = 'words  "a phrase"  deck:ID  topic:ID  is:' + "|".join(STATES + FLAGS)

_PREFIXED = re.compile(r"([A-Za-z][A-Za-z_-]*):(.*)", re.S)


class QueryError(ValueError):
    """A search the browser cannot run; str() is one line meant for the learner."""


@dataclass(frozen=True, slots=True)
class BrowseFilter:
    text: tuple[str, ...] = ()  # every one in the front, back or key, any case
    decks: tuple[str, ...] = ()  # any of these deck ids
    topics: tuple[str, ...] = ()  # every one, itself or a topic under it
    states: tuple[CardState, ...] = ()  # any of these
    buried: bool = False
    leech: bool = False
    due: bool = False  # due today or overdue, and neither suspended nor buried

    @property
    def is_empty(self) -> bool:
        return self == BrowseFilter()


def parse(query: str, topics: Collection[str] = TOPICS) -> BrowseFilter:
    """Read a search; `topics` are the topic ids `topic:` may name (or be a prefix of)."""
    text: list[str] = []
    decks: list[str] = []
    wanted_topics: list[str] = []
    states: list[CardState] = []
    flags: set[str] = set()
    for token, prefix_part in _tokens(query):
        match = _PREFIXED.fullmatch(prefix_part) if prefix_part is not None else None
        if match is None:
            if token:
                text.append(token)
            continue
        prefix = match.group(1).lower()
        value = token[len(match.group(1)) + 1:].strip()
        if prefix not in PREFIXES:
            raise QueryError(
                f"unknown search term '{match.group(1)}:' — use {SYNTAX} "
                f"(quote a phrase to search for a colon: \"{token}\")")
        if not value:
            raise QueryError(f"'{prefix}:' needs a value: {_example(prefix)}")
        if prefix == "deck":
            _add(decks, value)
        elif prefix == "topic":
            _add(wanted_topics, _topic(value, topics))
        else:
            name = value.lower()
            if name in STATES:
                _add(states, CardState(name))
            elif name in FLAGS:
                flags.add(name)
            else:
                raise QueryError(f"unknown 'is:{value}' — use is:" + ", is:".join(STATES + FLAGS))
    return BrowseFilter(text=tuple(text), decks=tuple(decks), topics=tuple(wanted_topics), states=tuple(states),
                        buried="buried" in flags, leech="leech" in flags, due="due" in flags)


def _tokens(query: str):
    """(token, its text before its first quote, or None if it starts with one), split on
    unquoted whitespace. An unclosed quote runs to the end: the learner is still typing."""
    token: list[str] = []
    first_quote: int | None = None  # where in the token its first quote was
    quoted = started = False
    for ch in query:
        if ch == '"':
            quoted = not quoted
            started = True
            if first_quote is None:
                first_quote = len(token)
            continue
        if ch.isspace() and not quoted:
            if started:
                yield _token(token, first_quote)
            token, first_quote, started = [], None, False
            continue
        token.append(ch)
        started = True
    if started:
        yield _token(token, first_quote)


def _token(chars: list[str], first_quote: int | None) -> tuple[str, str | None]:
    # `deck:"my deck"` is a prefix term (the colon comes before the quote); `"a:b"` is text
    text = "".join(chars)
    if first_quote is None:
        return text, text
    return text, (text[:first_quote] or None)


def _topic(value: str, topics: Collection[str]) -> str:
    wanted = value.lower().rstrip(".")
    if wanted in topics or any(t.startswith(wanted + ".") for t in topics):
        return wanted
    groups = sorted({t.split(".")[0] for t in topics})
    close = sorted(t for t in topics if wanted in t)
    hint = f"did you mean {', '.join(close[:4])}? " if close else ""
    raise QueryError(f"no topic '{value}' — {hint}topics: {', '.join(groups)}, or a full id like transformer.attention")


def _example(prefix: str) -> str:
    return {"deck": "deck:ID (the id at the top of the deck file)",
            "topic": "topic:transformer or topic:transformer.attention",
            "is": "is:" + "|".join(STATES + FLAGS)}[prefix]


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)

"""What a card is, independent of where it was read from or stored."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("concept", "math", "scenario", "drill")


@dataclass(frozen=True, slots=True)
class Card:
    deck_id: str
    card_id: str
    kind: str
    topics: tuple[str, ...]
    front: str
    back: str
    explanation: str = ""
    source: str = ""
    answer: str = ""  # math: the formula, whitelist syntax
    variables: tuple[tuple[str, str], ...] = ()  # math: (symbol, meaning)
    key_points: tuple[tuple[str, ...], ...] = ()  # scenario: each point's accepted phrasings
    drill: str = ""  # drill: the coding_drills folder id
    line: int = 0  # where the card starts in its YAML file, for editors and error messages

    @property
    def key(self) -> str:
        return f"{self.deck_id}/{self.card_id}"


@dataclass(frozen=True, slots=True)
class Deck:
    id: str
    title: str
    description: str
    path: str
    cards: tuple[Card, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Placed:
    """A card of a deck file, in file order: its chunk's digest and first line (None where the
    file could not be split), and whether it was `kept`: its chunk is one the database has,
    so it was not parsed and is not among the deck's cards."""

    card_id: str
    digest: str | None
    chunk_line: int | None
    kept: bool = False


@dataclass(frozen=True, slots=True)
class CardView:
    """A card as the review screen needs it: content, where it is from, how it stands."""

    id: int  # the database's handle for this card within one session of work
    card: Card
    deck_title: str
    repetitions: int
    interval: int
    easiness: float
    lapses: int
    is_new: bool


@dataclass(frozen=True, slots=True)
class DeckSummary:
    id: str
    title: str
    path: str
    cards: int
    due_today: int
    new: int

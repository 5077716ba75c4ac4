"""Leeches: cards that keep lapsing. As in Anki, a card whose lapse count reaches the
threshold is a leech (suspended, so the learner rewrites it rather than grinding it), and it
is flagged again every half threshold after that if it is unsuspended and keeps lapsing."""

from __future__ import annotations

DEFAULT_THRESHOLD = 8


def is_leech(lapses: int, threshold: int) -> bool:
    """A card with this many lapses counts as a leech (threshold 0: leeches are off)."""
    return threshold > 0 and lapses >= threshold


def lapse_makes_leech(lapses_after: int, threshold: int) -> bool:
    """The lapse that brought the card to `lapses_after` flags it (and suspends it)."""
    if not is_leech(lapses_after, threshold):
        return False
    return (lapses_after - threshold) % max(1, threshold // 2) == 0

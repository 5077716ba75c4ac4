"""Checking what the learner typed: formulas for math cards, key points for scenarios.

sympy is imported only here and only when a formula is checked (it takes most of a second),
so the TUI calls `check_formula` from a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from flashdeck.domain.cards import Card
from flashdeck.domain.keypoints import PointCoverage, coverage


@dataclass(frozen=True, slots=True)
class FormulaVerdict:
    readable: bool  # False: the text is not a formula; `message` says where and why
    correct: bool
    message: str
    suggested_grade: int | None
    expected_pretty: str
    given_pretty: str | None


def check_formula(card: Card, typed: str) -> FormulaVerdict:
    # lazy: the formula checker imports sympy; keeps it off the TUI's start until a formula is typed
    from flashdeck.content.formula import FormulaError, check_answer

    names = [name for name, _ in card.variables]
    try:
        result = check_answer(card.answer, typed, names)
    except FormulaError as exc:  # the deck's own answer is broken: not the learner's fault
        return FormulaVerdict(False, False, f"this card's answer cannot be read ({exc}); grade yourself", None, card.answer, None)
    if result.error:
        return FormulaVerdict(False, False, result.error, None, result.pretty_expected, None)
    if result.equivalent:
        return FormulaVerdict(True, True, "equivalent to the reference answer", 5, result.pretty_expected, result.pretty_given)
    return FormulaVerdict(True, False, "not equivalent to the reference answer", 1, result.pretty_expected, result.pretty_given)


def warm_up() -> None:
    """Import the formula machinery ahead of the first check."""
    import flashdeck.content.formula  # noqa: F401


def key_points(card: Card, typed: str) -> list[PointCoverage]:
    return coverage(card.key_points, typed)

"""Safe formula parsing and checking for `math` cards.

A deck's `answer` and the learner's typed answer are read by a hand-written tokenizer and
recursive-descent parser that builds sympy objects directly. The text is never handed to
`eval`, `exec`, `sympify` or `parse_expr`, so nothing in it can name a Python object.

Grammar (see docs/deck-format.md, "Math answers")::

    expr    := term (('+' | '-') term)*
    term    := unary (('*' | '/') unary)*          # no implicit multiplication
    unary   := ('+' | '-') unary | power
    power   := primary (('**' | '^') unary)?      # right-associative; -x**2 = -(x**2)
    primary := number | variable | 'pi' | '(' expr ')' | function '(' expr (',' expr)* ')'

Unicode `×`, `·`, `⋅`, `−`, `÷`, `π` and superscript exponents (`d²`, `n⁻¹`) are read too.

Resource safety: the text is at most MAX_LENGTH characters and MAX_DEPTH levels deep; every
number (numerator and denominator) fits in MAX_BITS bits; a numeric exponent is at most
MAX_EXPONENT; a power of a number is checked *before* sympy builds it (sympy evaluates powers
of numbers eagerly); and every constant sub-expression is evaluated with bounded mpmath
arithmetic and rejected if it exceeds 1e300. So `9**9**9**9` is an error, not a hang.

Symbols are created with `real=True` only. (`positive=True` would let sympy prove a few more
identities, but it makes sympy's sign queries run polynomial root-finding: building
`abs(1 - n**300)` then takes minutes.) Card variables are sizes, counts and probabilities, so
the numeric spot check samples positive values: log(a*b) and log(a) + log(b) are accepted as
equal, as are sqrt(d**2) and d.

The parts, each in its own module: formula_tokens (text -> tokens), formula_parser (tokens ->
sympy, the grammar above), formula_build (guarded nodes and the function whitelist),
formula_limits (the bounds and FormulaError), formula_numeric (bounded mpmath evaluation),
formula_equivalence (the verdict). This module is what the rest of flashdeck imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sympy

from flashdeck.content.formula_build import FUNCTIONS
from flashdeck.content.formula_equivalence import equivalent
from flashdeck.content.formula_limits import MAX_DEPTH, MAX_LENGTH, FormulaError
from flashdeck.content.formula_parser import parse_formula, symbol, variable_names

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "CheckResult",
    "FormulaError",
    "check_answer",
    "equivalent",
    "parse_formula",
    "pretty",
    "symbol",
    "to_latex",
]


def pretty(expr: sympy.Expr) -> str:
    """Unicode 2-D rendering for the terminal (may span several lines)."""
    return sympy.pretty(expr, use_unicode=True, wrap_line=False)


def to_latex(expr: sympy.Expr) -> str:
    return sympy.latex(expr)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Outcome of checking a typed answer.

    ok: the typed answer was read and is equivalent to the expected one (show "correct").
    equivalent: True / False once compared; None when the typed text could not be read.
    error: the learner-facing reason the typed text could not be read (else None).
    """

    ok: bool
    equivalent: bool | None
    error: str | None
    pretty_expected: str
    pretty_given: str | None


def check_answer(answer_text: str, typed_text: str, variables: Iterable) -> CheckResult:
    """Compare the learner's typed formula with the card's answer.

    A bad deck `answer` (or bad `variables`) raises FormulaError; bad typed input never
    raises: it comes back as `error`.
    """
    names = variable_names(variables)
    expected = parse_formula(answer_text, names)
    pretty_expected = pretty(expected)
    try:
        given = parse_formula(typed_text, names)
    except FormulaError as exc:
        return CheckResult(False, None, str(exc), pretty_expected, None)
    try:
        same = equivalent(expected, given, [symbol(n) for n in names])
    except Exception:  # never let a sympy corner case reach the UI
        return CheckResult(
            False, None, "could not compare this formula", pretty_expected, pretty(given)
        )
    return CheckResult(same, same, None, pretty_expected, pretty(given))

"""The bounds every formula is read within, and the one error a learner ever sees.

The bounds keep hostile input (`9**9**9**9`, a thousand nested parentheses, a 300-digit
number) from hanging or exhausting the process: see flashdeck.content.formula.
"""

from __future__ import annotations

MAX_LENGTH = 400  # characters of formula text
MAX_DEPTH = 50  # nested parentheses / unary signs / powers
MAX_BITS = 1000  # any rational's numerator and denominator (2**1000 ~ 1.07e301)
MAX_EXPONENT = 1000  # |numeric exponent|
MAX_EXPONENT_DENOMINATOR = 1000  # x**(1/q): q at most this
MAX_POW_BITS = 4000  # a power is only built if its exact value needs at most this many bits
MAX_LOG10 = 300  # constant sub-expressions must stay below 10**MAX_LOG10 in magnitude


class FormulaError(ValueError):
    """A formula that cannot be read. `str()` is a short message for the learner.

    `position` is the 0-based index in the text the problem was found at, or None.
    """

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message


def check_rational(r, pos: int | None) -> None:
    """Reject a sympy Rational whose numerator or denominator is over MAX_BITS."""
    if int(r.p).bit_length() > MAX_BITS:
        raise FormulaError("number too large", pos)
    if int(r.q).bit_length() > MAX_BITS:
        raise FormulaError("number too small", pos)

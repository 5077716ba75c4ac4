"""Formula text -> tokens: numbers (exact rationals, bounded as they are read), names,
operators (Unicode ones and superscript exponents mapped to ASCII), nothing else.

Anything outside that alphabet is a FormulaError naming the character and its column.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from flashdeck.content.formula_limits import MAX_LOG10, FormulaError, check_rational

_UNICODE_OPERATORS = {
    "×": "*", "·": "*", "⋅": "*", "∙": "*", "∗": "*",
    "−": "-", "–": "-", "÷": "/",
}  # fmt: skip
_SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4",
    "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
}  # fmt: skip
_SUPERSCRIPT_MINUS = "⁻"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "num" | "name" | "op" | "end"
    text: str  # for ops: the canonical operator ("**" for "^" and "²")
    pos: int
    end: int
    value: sympy.Rational | None = None  # numbers


def unexpected(ch: str, pos: int) -> FormulaError:
    hint = ""
    if ch in "[]{}":
        hint = " (use parentheses)"
    elif ch in "'\"":
        hint = " (no text, only a formula)"
    return FormulaError(f"not a formula: unexpected {ch!r} at column {pos + 1}{hint}", pos)


def _number(text: str, pos: int) -> tuple[sympy.Rational, int]:
    """Read a number at `pos`: 12, 0.5, .5, 3., 1e-3. Returns (exact value, end)."""
    n = len(text)
    i = pos
    while i < n and text[i].isascii() and text[i].isdigit():
        i += 1
    int_part = text[pos:i]
    frac_part = ""
    if i < n and text[i] == ".":
        j = i + 1
        while j < n and text[j].isascii() and text[j].isdigit():
            j += 1
        frac_part = text[i + 1 : j]
        i = j
    exponent = 0
    if i < n and text[i] in "eE":
        j = i + 1
        if j < n and text[j] in "+-":
            j += 1
        k = j
        while k < n and text[k].isascii() and text[k].isdigit():
            k += 1
        if k > j:  # a real exponent; otherwise the 'e' is a name (2e -> "write 2*e")
            digits = text[j:k].lstrip("0") or "0"
            if len(digits) > 6:
                raise FormulaError(_too_large_or_small(text[i + 1] != "-"), pos)
            exponent = int(text[i + 1 : k])
            i = k
    if i < n and text[i] == ".":
        raise unexpected(".", i)
    mantissa = (int_part + frac_part).lstrip("0") or "0"
    scale = exponent - len(frac_part)
    if mantissa != "0":
        magnitude = len(mantissa) + scale  # value < 10**magnitude
        if magnitude > MAX_LOG10 + 1:
            raise FormulaError("number too large", pos)
        if magnitude < -MAX_LOG10:
            raise FormulaError("number too small", pos)
    if len(mantissa) > MAX_LOG10 or abs(scale) > MAX_LOG10 + 10:
        raise FormulaError("number too precise" if mantissa != "0" else "number too large", pos)
    m = int(mantissa)
    value = sympy.Integer(m * 10**scale) if scale >= 0 else sympy.Rational(m, 10**-scale)
    check_rational(value, pos)
    return value, i


def _too_large_or_small(positive: bool) -> str:
    return "number too large" if positive else "number too small"


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if (ch.isascii() and ch.isdigit()) or (
            ch == "." and i + 1 < n and text[i + 1].isascii() and text[i + 1].isdigit()
        ):
            value, end = _number(text, i)
            tokens.append(Token("num", text[i:end], i, end, value))
            i = end
            continue
        if ch.isascii() and ch.isalpha():
            j = i + 1
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(Token("name", text[i:j], i, j))
            i = j
            continue
        if ch == "π":
            tokens.append(Token("name", "pi", i, i + 1))
            i += 1
            continue
        if ch == "*" and i + 1 < n and text[i + 1] == "*":
            tokens.append(Token("op", "**", i, i + 2))
            i += 2
            continue
        if ch == "^":
            tokens.append(Token("op", "**", i, i + 1))
            i += 1
            continue
        if ch in "+-*/(),":
            tokens.append(Token("op", ch, i, i + 1))
            i += 1
            continue
        if ch in _UNICODE_OPERATORS:
            tokens.append(Token("op", _UNICODE_OPERATORS[ch], i, i + 1))
            i += 1
            continue
        if ch in _SUPERSCRIPTS or ch == _SUPERSCRIPT_MINUS:
            j = i
            if text[j] == _SUPERSCRIPT_MINUS:
                j += 1
            k = j
            while k < n and text[k] in _SUPERSCRIPTS:
                k += 1
            if k == j:
                raise unexpected(ch, i)
            tokens.append(Token("op", "**", i, i))
            if j > i:
                tokens.append(Token("op", "-", i, j))
            digits = "".join(_SUPERSCRIPTS[c] for c in text[j:k])
            value, _ = _number(digits, 0)
            tokens.append(Token("num", text[j:k], j, k, value))
            i = k
            continue
        if ch in "=<>≤≥≠≈":
            raise FormulaError(f"type only the right-hand side (no {ch!r} at column {i + 1})", i)
        raise unexpected(ch, i)
    tokens.append(Token("end", "", n, n))
    return tokens

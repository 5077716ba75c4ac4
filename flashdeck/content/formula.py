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
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import mpmath
import sympy
from sympy.core.function import AppliedUndef

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

MAX_LENGTH = 400  # characters of formula text
MAX_DEPTH = 50  # nested parentheses / unary signs / powers
MAX_BITS = 1000  # any rational's numerator and denominator (2**1000 ~ 1.07e301)
MAX_EXPONENT = 1000  # |numeric exponent|
MAX_EXPONENT_DENOMINATOR = 1000  # x**(1/q): q at most this
MAX_POW_BITS = 4000  # a power is only built if its exact value needs at most this many bits
MAX_LOG10 = 300  # constant sub-expressions must stay below 10**MAX_LOG10 in magnitude

FUNCTIONS = (
    "sqrt", "exp", "log", "ln", "sin", "cos", "tan", "tanh", "erf", "abs",
    "sigmoid", "softplus", "min", "max", "ceil", "floor",
)  # fmt: skip
_VARIADIC = {"min", "max"}

_UNICODE_OPERATORS = {
    "×": "*", "·": "*", "⋅": "*", "∙": "*", "∗": "*",
    "−": "-", "–": "-", "÷": "/",
}  # fmt: skip
_SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4",
    "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
}  # fmt: skip
_SUPERSCRIPT_MINUS = "⁻"


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


# --------------------------------------------------------------------------- tokenizer


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "num" | "name" | "op" | "end"
    text: str  # for ops: the canonical operator ("**" for "^" and "²")
    pos: int
    end: int
    value: sympy.Rational | None = None  # numbers


def _unexpected(ch: str, pos: int) -> FormulaError:
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
        raise _unexpected(".", i)
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
    _check_rational(value, pos)
    return value, i


def _too_large_or_small(positive: bool) -> str:
    return "number too large" if positive else "number too small"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
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
            tokens.append(_Token("num", text[i:end], i, end, value))
            i = end
            continue
        if ch.isascii() and ch.isalpha():
            j = i + 1
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(_Token("name", text[i:j], i, j))
            i = j
            continue
        if ch == "π":
            tokens.append(_Token("name", "pi", i, i + 1))
            i += 1
            continue
        if ch == "*" and i + 1 < n and text[i + 1] == "*":
            tokens.append(_Token("op", "**", i, i + 2))
            i += 2
            continue
        if ch == "^":
            tokens.append(_Token("op", "**", i, i + 1))
            i += 1
            continue
        if ch in "+-*/(),":
            tokens.append(_Token("op", ch, i, i + 1))
            i += 1
            continue
        if ch in _UNICODE_OPERATORS:
            tokens.append(_Token("op", _UNICODE_OPERATORS[ch], i, i + 1))
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
                raise _unexpected(ch, i)
            tokens.append(_Token("op", "**", i, i))
            if j > i:
                tokens.append(_Token("op", "-", i, j))
            digits = "".join(_SUPERSCRIPTS[c] for c in text[j:k])
            value, _ = _number(digits, 0)
            tokens.append(_Token("num", text[j:k], j, k, value))
            i = k
            continue
        if ch in "=<>≤≥≠≈":
            raise FormulaError(f"type only the right-hand side (no {ch!r} at column {i + 1})", i)
        raise _unexpected(ch, i)
    tokens.append(_Token("end", "", n, n))
    return tokens


# --------------------------------------------------------------------------- guarded building


class _Overflow(Exception):
    """A numeric value left the allowed range."""


class _Unsupported(Exception):
    """The numeric evaluator does not know this node (or the value is not comparable)."""


_LIMIT = mpmath.mpf(10) ** MAX_LOG10


def _check_rational(r: sympy.Rational, pos: int | None) -> None:
    if int(r.p).bit_length() > MAX_BITS:
        raise FormulaError("number too large", pos)
    if int(r.q).bit_length() > MAX_BITS:
        raise FormulaError("number too small", pos)


def _max_bits(expr: sympy.Expr) -> int:
    bits = 1
    for r in expr.atoms(sympy.Rational):
        bits = max(bits, int(r.p).bit_length(), int(r.q).bit_length())
    return bits


def _check_built(
    expr: sympy.Expr, pos: int | None, undefined: str = "undefined: division by zero"
) -> sympy.Expr:
    """Reject a freshly built node that is undefined, too large or not a plain expression."""
    if not isinstance(expr, sympy.Expr):  # e.g. a relational or boolean from odd input
        raise FormulaError("not a formula", pos)
    if expr.has(sympy.zoo):
        raise FormulaError(undefined, pos)
    if expr.has(sympy.nan):
        raise FormulaError("undefined value", pos)
    if expr.has(sympy.oo, -sympy.oo):
        raise FormulaError("number too large", pos)
    for r in expr.atoms(sympy.Rational):
        _check_rational(r, pos)
    if not expr.free_symbols:
        try:
            _evaluate(expr, {})
        except _Overflow:
            raise FormulaError("number too large", pos) from None
        except (_Unsupported, ZeroDivisionError, ValueError):
            pass
    return expr


def _log10_abs(expr: sympy.Expr) -> float | None:
    """log10 |expr| for a constant (already bounded) expression; None if zero/unknown."""
    try:
        v = _evaluate(expr, {})
    except (_Overflow, _Unsupported, ZeroDivisionError, ValueError):
        return None
    a = abs(v)
    if a == 0:
        return None
    return float(mpmath.log10(a))


def _pow(base: sympy.Expr, exponent: sympy.Expr, pos: int) -> sympy.Expr:
    """base**exponent, refusing anything whose exact value would be huge to compute."""
    if isinstance(exponent, sympy.Rational):
        if not base.free_symbols:
            lg = _log10_abs(base)
            if lg is not None and float(exponent) * lg > MAX_LOG10:
                raise FormulaError("number too large", pos)
            if lg is not None and float(exponent) * lg < -MAX_LOG10:
                raise FormulaError("number too small", pos)
        if abs(exponent) > MAX_EXPONENT:
            raise FormulaError(f"exponent too large (at most {MAX_EXPONENT})", pos)
        if exponent.q > MAX_EXPONENT_DENOMINATOR:
            raise FormulaError("exponent too complicated", pos)
        if abs(exponent) * _max_bits(base) > MAX_POW_BITS:
            raise FormulaError("number too large", pos)
    return _check_built(sympy.Pow(base, exponent), pos)


def _call(name: str, args: list[sympy.Expr], pos: int) -> sympy.Expr:
    if name in _VARIADIC:
        if len(args) < 2:
            raise FormulaError(f"{name} needs at least two arguments: {name}(a, b)", pos)
        return _check_built((sympy.Min if name == "min" else sympy.Max)(*args), pos)
    if len(args) != 1:
        raise FormulaError(f"{name} takes one argument: {name}(x)", pos)
    (x,) = args
    if name == "sqrt":
        return _pow(x, sympy.Rational(1, 2), pos)
    if name == "sigmoid":  # 1 / (1 + exp(-x))
        e = _check_built(sympy.exp(-x), pos)
        return _pow(_check_built(1 + e, pos), sympy.Integer(-1), pos)
    if name == "softplus":  # log(1 + exp(x))
        e = _check_built(sympy.exp(x), pos)
        return _check_built(sympy.log(_check_built(1 + e, pos)), pos)
    func = {
        "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sin": sympy.sin,
        "cos": sympy.cos, "tan": sympy.tan, "tanh": sympy.tanh, "erf": sympy.erf,
        "abs": sympy.Abs, "ceil": sympy.ceiling, "floor": sympy.floor,
    }[name]  # fmt: skip
    return _check_built(func(x), pos, f"undefined: {name}(...) has no value there")


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, text: str, tokens: list[_Token], variables: dict[str, sympy.Symbol]):
        self.text = text
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.variables = variables

    # helpers
    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def advance(self) -> _Token:
        t = self.tokens[self.i]
        if t.kind != "end":
            self.i += 1
        return t

    def is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def unexpected(self, t: _Token) -> FormulaError:
        if t.kind == "end":
            return FormulaError("incomplete formula: it ends too early", t.pos)
        return _unexpected(self.text[t.pos : t.end] or t.text, t.pos)

    # grammar
    def parse(self) -> sympy.Expr:
        expr = self.expr()
        t = self.tok
        if t.kind != "end":
            if t.kind == "op" and t.text == ")":
                raise FormulaError(f"unmatched ')' at column {t.pos + 1}", t.pos)
            raise self.unexpected(t)
        return expr

    def expr(self) -> sympy.Expr:
        left = self.term()
        while self.is_op("+", "-"):
            op = self.advance()
            right = self.term()
            if op.text == "-":
                right = _check_built(-right, op.pos)
            left = _check_built(sympy.Add(left, right), op.pos)
        return left

    def term(self) -> sympy.Expr:
        start = self.tok.pos
        left = self.unary()
        while True:
            if self.is_op("*", "/"):
                op = self.advance()
                start = self.tok.pos
                right = self.unary()
                if op.text == "/":
                    right = _pow(right, sympy.Integer(-1), op.pos)
                left = _check_built(sympy.Mul(left, right), op.pos)
            elif self.tok.kind in ("num", "name") or self.is_op("("):
                raise self.implicit_multiplication(start)
            else:
                return left

    def implicit_multiplication(self, start: int) -> FormulaError:
        prev_end = self.tokens[self.i - 1].end
        left = self.text[start:prev_end]
        if len(left) > 12:
            left = "…" + self.text[self.tokens[self.i - 1].pos : prev_end]
        t = self.tok
        right = self.text[t.pos : t.end]
        if t.kind == "name":
            right = self.split_hint(right) or right
        if t.kind == "op":  # "(": show the parenthesised group if short
            depth = 0
            for u in self.tokens[self.i :]:
                if u.kind == "op" and u.text == "(":
                    depth += 1
                elif u.kind == "op" and u.text == ")":
                    depth -= 1
                    if depth == 0:
                        right = self.text[t.pos : u.end] if u.end - t.pos <= 12 else "(…)"
                        break
            else:
                right = "(…"
        return FormulaError(f"no implicit multiplication: write {left}*{right}", t.pos)

    def split_hint(self, name: str) -> str | None:
        """'nd' -> 'n*d' when n and d are declared (and nd is not)."""
        if name in self.variables or name in FUNCTIONS or len(name) < 2:
            return None
        if all(c in self.variables for c in name):
            return "*".join(name)
        return None

    def unary(self) -> sympy.Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(
                f"formula too deeply nested (at most {MAX_DEPTH} levels)", self.tok.pos
            )
        try:
            if self.is_op("+", "-"):
                op = self.advance()
                operand = self.unary()
                return operand if op.text == "+" else _check_built(-operand, op.pos)
            return self.power()
        finally:
            self.depth -= 1

    def power(self) -> sympy.Expr:
        base = self.primary()
        if self.is_op("**"):
            op = self.advance()
            exponent = self.unary()  # right-associative, and allows 2**-1
            return _pow(base, exponent, op.pos)
        return base

    def primary(self) -> sympy.Expr:
        t = self.tok
        if t.kind == "num":
            self.advance()
            return t.value
        if t.kind == "name":
            return self.name()
        if self.is_op("("):
            self.advance()
            inner = self.expr()
            if not self.is_op(")"):
                if self.tok.kind == "end":
                    raise FormulaError(f"missing ')' for the '(' at column {t.pos + 1}", t.pos)
                raise self.unexpected(self.tok)
            self.advance()
            return inner
        raise self.unexpected(t)

    def name(self) -> sympy.Expr:
        t = self.advance()
        name = t.text
        followed_by_paren = self.is_op("(")
        if name in FUNCTIONS and (followed_by_paren or name not in self.variables):
            if not followed_by_paren:
                raise FormulaError(f"{name} needs parentheses: {name}(...)", t.pos)
            return self.call(t)
        if name in self.variables:
            return self.variables[name]
        if name == "pi":
            return sympy.pi
        if followed_by_paren:
            raise FormulaError(f"unknown function '{name}' (use: {', '.join(FUNCTIONS)})", t.pos)
        names = ", ".join(sorted(self.variables)) or "no variables"
        hint = "; write exp(x) for e**x" if name == "e" else ""
        split = self.split_hint(name)
        if split:
            raise FormulaError(f"unknown name '{name}': write {split}", t.pos)
        raise FormulaError(f"unknown name '{name}' (use: {names}{hint})", t.pos)

    def call(self, t: _Token) -> sympy.Expr:
        open_paren = self.advance()
        args: list[sympy.Expr] = []
        if self.is_op(")"):
            self.advance()
            return _call(t.text, args, t.pos)
        self.depth += 1
        try:
            while True:
                args.append(self.expr())
                if self.is_op(","):
                    self.advance()
                    continue
                if self.is_op(")"):
                    self.advance()
                    break
                if self.tok.kind == "end":
                    raise FormulaError(
                        f"missing ')' for the '(' at column {open_paren.pos + 1}", open_paren.pos
                    )
                raise self.unexpected(self.tok)
        finally:
            self.depth -= 1
        return _call(t.text, args, t.pos)


def _variable_names(variables: Iterable) -> list[str]:
    """Accept names, (name, meaning) pairs (as Card.variables holds) or a mapping."""
    if isinstance(variables, str):
        variables = [variables]
    if isinstance(variables, Mapping):
        variables = list(variables.keys())
    names = []
    for v in variables:
        name = v[0] if isinstance(v, tuple | list) else v
        if isinstance(name, sympy.Symbol):
            name = name.name
        if (
            not isinstance(name, str)
            or not name
            or not name.isascii()
            or not name[0].isalpha()
            or not all(c.isalnum() or c == "_" for c in name)
        ):
            raise FormulaError(f"bad variable name {name!r} (letters, digits and _ only)")
        names.append(name)
    return names


def symbol(name: str) -> sympy.Symbol:
    """The sympy symbol a variable name parses to (real; see the module docstring)."""
    return sympy.Symbol(name, real=True)


def parse_formula(text: str, variables: Iterable) -> sympy.Expr:
    """Parse `text` in the whitelist syntax; raise FormulaError for anything else.

    `variables` are the declared names (strings, (name, meaning) pairs or a mapping).
    """
    if not isinstance(text, str):
        raise FormulaError("not a formula")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula too long (at most {MAX_LENGTH} characters)", MAX_LENGTH)
    if not text.strip():
        raise FormulaError("empty formula: type an expression", 0)
    symbols = {name: symbol(name) for name in _variable_names(variables)}
    try:
        tokens = _tokenize(text)
        return _Parser(text, tokens, symbols).parse()
    except FormulaError:
        raise
    except RecursionError:
        raise FormulaError(f"formula too deeply nested (at most {MAX_DEPTH} levels)") from None
    except Exception as exc:  # a sympy corner case must not escape as anything else
        raise FormulaError("could not read this formula") from exc


# --------------------------------------------------------------------------- numeric evaluation

_DPS = 40


def _bounded(v):
    if not mpmath.isfinite(v):
        raise _Overflow
    if isinstance(v, mpmath.mpc):
        if abs(v.real) > _LIMIT or abs(v.imag) > _LIMIT:
            raise _Overflow
    elif abs(v) > _LIMIT:
        raise _Overflow
    return v


def _real(v) -> mpmath.mpf:
    if isinstance(v, mpmath.mpc):
        if v.imag != 0:
            raise _Unsupported
        return v.real
    return v


def _evaluate(expr: sympy.Expr, values: dict) -> mpmath.mpf | mpmath.mpc:
    """Evaluate with mpmath at _DPS digits; every intermediate stays within 1e300."""
    with mpmath.workdps(_DPS):
        return _ev(expr, values)


def _ev(e, values):
    if e.is_Rational:
        if int(e.p).bit_length() > 4 * MAX_BITS or int(e.q).bit_length() > 4 * MAX_BITS:
            raise _Overflow
        return _bounded(mpmath.mpf(int(e.p)) / int(e.q))
    if e.is_Symbol:
        if e not in values:
            raise _Unsupported
        return values[e]
    if e is sympy.pi:
        return +mpmath.pi
    if e is sympy.E:
        return +mpmath.e
    if e is sympy.I:
        return mpmath.mpc(0, 1)
    if e.is_Float:
        return _bounded(mpmath.mpf(e))
    if e.is_Add:
        total = mpmath.mpf(0)
        for a in e.args:
            total = _bounded(total + _ev(a, values))
        return total
    if e.is_Mul:
        product = mpmath.mpf(1)
        for a in e.args:
            product = _bounded(product * _ev(a, values))
        return product
    if e.is_Pow:
        b = _ev(e.base, values)
        x = _ev(e.exp, values)
        if b == 0:
            if mpmath.re(x) > 0:
                return mpmath.mpf(0)
            raise _Overflow
        t = mpmath.re(x * mpmath.log(b))
        if t > 700:
            raise _Overflow
        if isinstance(x, mpmath.mpf) and x == int(x) and isinstance(b, mpmath.mpf):
            return _bounded(b ** int(x))
        return _bounded(mpmath.power(b, x))
    if isinstance(e, AppliedUndef) or not e.args:
        raise _Unsupported
    args = [_ev(a, values) for a in e.args]
    f = e.func
    if f in (sympy.Min, sympy.Max):
        reals = [_real(a) for a in args]
        return min(reals) if f is sympy.Min else max(reals)
    (a,) = args if len(args) == 1 else (None,)
    if a is None:
        raise _Unsupported
    if f is sympy.exp:
        if mpmath.re(a) > 690:
            raise _Overflow
        return _bounded(mpmath.exp(a))
    if f is sympy.log:
        if a == 0:
            raise _Overflow
        return _bounded(mpmath.log(a))
    if f in (sympy.sin, sympy.cos, sympy.tan, sympy.tanh):
        if abs(mpmath.im(a)) > 690 or abs(mpmath.re(a)) > 1e300:
            raise _Overflow
        fn = {sympy.sin: mpmath.sin, sympy.cos: mpmath.cos, sympy.tan: mpmath.tan,
              sympy.tanh: mpmath.tanh}[f]  # fmt: skip
        return _bounded(fn(a))
    if f is sympy.erf:
        if abs(mpmath.im(a)) > 20:
            raise _Overflow
        return _bounded(mpmath.erf(a))
    if f is sympy.Abs:
        return abs(a)
    if f is sympy.floor:
        return mpmath.floor(_real(a))
    if f is sympy.ceiling:
        return mpmath.ceil(_real(a))
    if f is sympy.sign:
        return mpmath.sign(a)
    if f is sympy.re:
        return mpmath.re(a)
    if f is sympy.im:
        return mpmath.im(a)
    raise _Unsupported


# --------------------------------------------------------------------------- equivalence

_EXPAND_LIMIT = 400  # estimated terms: expand/cancel only below this
_SIMPLIFY_OPS = 40  # count_ops: simplify only below this
_POINTS = 10  # random points per batch
_MIN_VALID_POINTS = 3
_SEED = 20240601


def _expand_cost(e: sympy.Expr, cap: int = 10**7) -> int:
    """A rough upper bound on the number of terms expanding `e` produces."""
    if e.is_Atom:
        return 1
    if e.is_Add:
        return min(cap, sum(_expand_cost(a, cap) for a in e.args))
    if e.is_Mul:
        total = 1
        for a in e.args:
            total = min(cap, total * _expand_cost(a, cap))
        return total
    if e.is_Pow:
        base = _expand_cost(e.base, cap)
        if e.exp.is_Integer:
            n = abs(int(e.exp))
            if base <= 1:
                return 1
            if n * math.log10(base) > math.log10(cap):
                return cap
            return min(cap, base**n)
        return min(cap, base + _expand_cost(e.exp, cap))
    return min(cap, max(1, sum(_expand_cost(a, cap) for a in e.args)))


_RELATIVE_TOLERANCE = mpmath.mpf("1e-25")  # evaluation is at _DPS = 40 digits


def _is_rational_function(expr: sympy.Expr) -> bool:
    """Only symbols, rational numbers, + * and integer powers."""
    for node in sympy.preorder_traversal(expr):
        if node.is_Symbol or node.is_Rational or node.is_Add or node.is_Mul:
            continue
        if node.is_Pow and node.exp.is_Integer:
            continue
        return False
    return True


def _close(a, b, scale=0) -> bool:
    """a == b up to rounding; `scale` is the size of terms that cancelled into a or b."""
    scale = max(abs(a), abs(b), scale)
    return abs(a - b) <= _RELATIVE_TOLERANCE * scale + mpmath.mpf("1e-290")


def _ev_sum(expr, values):
    """(value, largest top-level term) so that cancellation is judged against its terms."""
    terms = [_ev(t, values) for t in sympy.Add.make_args(expr)]
    total = mpmath.mpf(0)
    for t in terms:
        total = _bounded(total + t)
    return total, max(abs(t) for t in terms)


def _off_domain(v) -> bool:
    """A complex value: the point lies outside the real domain the card's formula is about."""
    return isinstance(v, mpmath.mpc) and abs(v.imag) > _RELATIVE_TOLERANCE * max(abs(v.real), 1)


def _numeric_verdict(expected, given, symbols) -> bool | None:
    """False if some point shows a difference; True if enough points agree; None if unsure."""
    rng = random.Random(_SEED)
    integer_points = expected.has(sympy.floor, sympy.ceiling) or given.has(
        sympy.floor, sympy.ceiling
    )
    symbols = sorted(symbols, key=lambda s: s.name)
    valid = 0
    batches = [(0.55, 2.45), (0.1, 0.95), (2.5, 9.5)]
    with mpmath.workdps(_DPS):
        for low, high in batches:
            for _ in range(_POINTS):
                if integer_points:
                    values = {s: mpmath.mpf(rng.randint(1, 40)) for s in symbols}
                else:
                    values = {s: mpmath.mpf(round(rng.uniform(low, high), 6)) for s in symbols}
                try:
                    a, scale_a = _ev_sum(expected, values)
                    b, scale_b = _ev_sum(given, values)
                except (_Overflow, _Unsupported, ZeroDivisionError, ValueError):
                    continue
                if _off_domain(a) or _off_domain(b):
                    continue  # e.g. log(1 - p) at p > 1: branch cuts make forms disagree
                if not _close(a, b, max(scale_a, scale_b)):
                    return False
                valid += 1
            if valid >= _MIN_VALID_POINTS:
                return True
    return None


def equivalent(expected: sympy.Expr, given: sympy.Expr, symbols: Iterable = ()) -> bool:
    """True when `given` equals `expected` algebraically (for positive values of the symbols).

    Order: structural equality; expand/cancel of the difference when that is cheap (for a
    rational function, cancel() is canonical, so a non-zero result settles False); a
    numeric spot check at seeded random positive points, or positive integers when floor or
    ceil is involved (a point that differs settles False; enough agreeing points settle
    True); `simplify(expected - given) == 0` when the spot check could not decide (e.g.
    every point overflowed). Expression sizes are bounded before any expand or simplify,
    and the numeric evaluation is bounded mpmath arithmetic at 40 digits.
    `symbols` may name extra sympy Symbols to vary; free symbols are always included.
    """
    if not isinstance(expected, sympy.Expr) or not isinstance(given, sympy.Expr):
        raise TypeError("equivalent() compares sympy expressions (use parse_formula first)")
    syms = set(expected.free_symbols) | set(given.free_symbols)
    for s in symbols:
        if isinstance(s, sympy.Symbol):
            syms.add(s)
    try:
        diff = expected - given
    except Exception:
        return False
    if diff == 0:
        return True
    if not diff.free_symbols:  # the symbols cancelled: a constant difference decides
        if diff.is_Rational:
            return False  # exact and non-zero
        try:
            with mpmath.workdps(_DPS):
                total, scale = _ev_sum(diff, {})
                return bool(_close(total, mpmath.mpf(0), scale))
        except (_Overflow, _Unsupported, ZeroDivisionError, ValueError):
            pass
    cost = _expand_cost(diff)
    if cost <= _EXPAND_LIMIT:
        try:
            if sympy.expand(diff) == 0:
                return True
            canonical = sympy.cancel(sympy.together(diff))
            if canonical == 0:
                return True
            if _is_rational_function(diff):
                return False  # cancel() is canonical here: a non-zero result is a proof
        except Exception:
            pass
    verdict = _numeric_verdict(expected, given, syms)
    if verdict is not None:
        return verdict
    # simplify's handling of min/max/abs/floor/ceil is slow and rarely conclusive
    piecewise = diff.has(sympy.Min, sympy.Max, sympy.Abs, sympy.floor, sympy.ceiling)
    if not piecewise and cost <= _EXPAND_LIMIT and sympy.count_ops(diff) <= _SIMPLIFY_OPS:
        try:
            return sympy.simplify(diff) == 0
        except Exception:
            return False
    return False


# --------------------------------------------------------------------------- display and check


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
    names = _variable_names(variables)
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

"""Building sympy nodes under guard: the whitelisted functions, and powers refused
*before* sympy computes them (sympy evaluates powers of numbers eagerly).

Every node the parser builds goes through check_built, so an undefined value (1/0), an
infinity or an over-large constant is a FormulaError at the column it was written.
"""

from __future__ import annotations

import mpmath
import sympy

from flashdeck.content.formula_limits import (
    MAX_EXPONENT,
    MAX_EXPONENT_DENOMINATOR,
    MAX_LOG10,
    MAX_POW_BITS,
    FormulaError,
    check_rational,
)
from flashdeck.content.formula_numeric import Overflow, Unsupported, evaluate

FUNCTIONS = (
    "sqrt", "exp", "log", "ln", "sin", "cos", "tan", "tanh", "erf", "abs",
    "sigmoid", "softplus", "min", "max", "ceil", "floor",
)  # fmt: skip
_VARIADIC = {"min", "max"}


def _max_bits(expr: sympy.Expr) -> int:
    bits = 1
    for r in expr.atoms(sympy.Rational):
        bits = max(bits, int(r.p).bit_length(), int(r.q).bit_length())
    return bits


def check_built(
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
        check_rational(r, pos)
    if not expr.free_symbols:
        try:
            evaluate(expr, {})
        except Overflow:
            raise FormulaError("number too large", pos) from None
        except (Unsupported, ZeroDivisionError, ValueError):
            pass
    return expr


def _log10_abs(expr: sympy.Expr) -> float | None:
    """log10 |expr| for a constant (already bounded) expression; None if zero/unknown."""
    try:
        v = evaluate(expr, {})
    except (Overflow, Unsupported, ZeroDivisionError, ValueError):
        return None
    a = abs(v)
    if a == 0:
        return None
    return float(mpmath.log10(a))


def guarded_pow(base: sympy.Expr, exponent: sympy.Expr, pos: int) -> sympy.Expr:
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
    return check_built(sympy.Pow(base, exponent), pos)


def call_function(name: str, args: list[sympy.Expr], pos: int) -> sympy.Expr:
    if name in _VARIADIC:
        if len(args) < 2:
            raise FormulaError(f"{name} needs at least two arguments: {name}(a, b)", pos)
        return check_built((sympy.Min if name == "min" else sympy.Max)(*args), pos)
    if len(args) != 1:
        raise FormulaError(f"{name} takes one argument: {name}(x)", pos)
    (x,) = args
    if name == "sqrt":
        return guarded_pow(x, sympy.Rational(1, 2), pos)
    if name == "sigmoid":  # 1 / (1 + exp(-x))
        e = check_built(sympy.exp(-x), pos)
        return guarded_pow(check_built(1 + e, pos), sympy.Integer(-1), pos)
    if name == "softplus":  # log(1 + exp(x))
        e = check_built(sympy.exp(x), pos)
        return check_built(sympy.log(check_built(1 + e, pos)), pos)
    func = {
        "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sin": sympy.sin,
        "cos": sympy.cos, "tan": sympy.tan, "tanh": sympy.tanh, "erf": sympy.erf,
        "abs": sympy.Abs, "ceil": sympy.ceiling, "floor": sympy.floor,
    }[name]  # fmt: skip
    return check_built(func(x), pos, f"undefined: {name}(...) has no value there")

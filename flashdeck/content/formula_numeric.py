"""Bounded numeric evaluation of a sympy expression with mpmath.

Every intermediate value must stay below 1e300 (Overflow otherwise), so a constant such as
`exp(exp(exp(9)))` is refused instead of computed; a node this evaluator does not know
raises Unsupported. The guarded builder uses it to bound constants, the equivalence check to
compare formulas at sample points.
"""

from __future__ import annotations

import mpmath
import sympy
from sympy.core.function import AppliedUndef

from flashdeck.content.formula_limits import MAX_BITS, MAX_LOG10


class Overflow(Exception):
    """A numeric value left the allowed range."""


class Unsupported(Exception):
    """The numeric evaluator does not know this node (or the value is not comparable)."""


LIMIT = mpmath.mpf(10) ** MAX_LOG10
DPS = 40


def bounded(v):
    if not mpmath.isfinite(v):
        raise Overflow
    if isinstance(v, mpmath.mpc):
        if abs(v.real) > LIMIT or abs(v.imag) > LIMIT:
            raise Overflow
    elif abs(v) > LIMIT:
        raise Overflow
    return v


def _real(v) -> mpmath.mpf:
    if isinstance(v, mpmath.mpc):
        if v.imag != 0:
            raise Unsupported
        return v.real
    return v


def evaluate(expr: sympy.Expr, values: dict) -> mpmath.mpf | mpmath.mpc:
    """Evaluate with mpmath at DPS digits; every intermediate stays within 1e300."""
    with mpmath.workdps(DPS):
        return ev(expr, values)


def ev(e, values):
    if e.is_Rational:
        if int(e.p).bit_length() > 4 * MAX_BITS or int(e.q).bit_length() > 4 * MAX_BITS:
            raise Overflow
        return bounded(mpmath.mpf(int(e.p)) / int(e.q))
    if e.is_Symbol:
        if e not in values:
            raise Unsupported
        return values[e]
    if e is sympy.pi:
        return +mpmath.pi
    if e is sympy.E:
        return +mpmath.e
    if e is sympy.I:
        return mpmath.mpc(0, 1)
    if e.is_Float:
        return bounded(mpmath.mpf(e))
    if e.is_Add:
        total = mpmath.mpf(0)
        for a in e.args:
            total = bounded(total + ev(a, values))
        return total
    if e.is_Mul:
        product = mpmath.mpf(1)
        for a in e.args:
            product = bounded(product * ev(a, values))
        return product
    if e.is_Pow:
        b = ev(e.base, values)
        x = ev(e.exp, values)
        if b == 0:
            if mpmath.re(x) > 0:
                return mpmath.mpf(0)
            raise Overflow
        t = mpmath.re(x * mpmath.log(b))
        if t > 700:
            raise Overflow
        if isinstance(x, mpmath.mpf) and x == int(x) and isinstance(b, mpmath.mpf):
            return bounded(b ** int(x))
        return bounded(mpmath.power(b, x))
    if isinstance(e, AppliedUndef) or not e.args:
        raise Unsupported
    args = [ev(a, values) for a in e.args]
    f = e.func
    if f in (sympy.Min, sympy.Max):
        reals = [_real(a) for a in args]
        return min(reals) if f is sympy.Min else max(reals)
    (a,) = args if len(args) == 1 else (None,)
    if a is None:
        raise Unsupported
    if f is sympy.exp:
        if mpmath.re(a) > 690:
            raise Overflow
        return bounded(mpmath.exp(a))
    if f is sympy.log:
        if a == 0:
            raise Overflow
        return bounded(mpmath.log(a))
    if f in (sympy.sin, sympy.cos, sympy.tan, sympy.tanh):
        if abs(mpmath.im(a)) > 690 or abs(mpmath.re(a)) > 1e300:
            raise Overflow
        fn = {sympy.sin: mpmath.sin, sympy.cos: mpmath.cos, sympy.tan: mpmath.tan,
              sympy.tanh: mpmath.tanh}[f]  # fmt: skip
        return bounded(fn(a))
    if f is sympy.erf:
        if abs(mpmath.im(a)) > 20:
            raise Overflow
        return bounded(mpmath.erf(a))
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
    raise Unsupported

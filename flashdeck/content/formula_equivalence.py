"""Are two parsed formulas the same? Structural, then algebraic (when cheap), then a
numeric spot check at seeded points, then simplify: see `equivalent`."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import mpmath
import sympy

from flashdeck.content.formula_numeric import DPS, Overflow, Unsupported, bounded, ev

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


_RELATIVE_TOLERANCE = mpmath.mpf("1e-25")  # evaluation is at DPS = 40 digits


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
    terms = [ev(t, values) for t in sympy.Add.make_args(expr)]
    total = mpmath.mpf(0)
    for t in terms:
        total = bounded(total + t)
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
    with mpmath.workdps(DPS):
        for low, high in batches:
            for _ in range(_POINTS):
                if integer_points:
                    values = {s: mpmath.mpf(rng.randint(1, 40)) for s in symbols}
                else:
                    values = {s: mpmath.mpf(round(rng.uniform(low, high), 6)) for s in symbols}
                try:
                    a, scale_a = _ev_sum(expected, values)
                    b, scale_b = _ev_sum(given, values)
                except (Overflow, Unsupported, ZeroDivisionError, ValueError):
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
            with mpmath.workdps(DPS):
                total, scale = _ev_sum(diff, {})
                return bool(_close(total, mpmath.mpf(0), scale))
        except (Overflow, Unsupported, ZeroDivisionError, ValueError):
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

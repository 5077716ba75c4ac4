"""What a wrong result looks like, when none of the drill's known mistakes explains it (issue
20): cheap checks on the first failing case, each claimed only when it holds exactly, at the
check's own tolerance. The expected result reshaped, transposed, cast, scaled by one constant,
shifted by one position, right for some batch elements or heads only, right on one side of a
mask only; NaN or Inf only where the inputs are extreme. NumPy only.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from flashdeck.drills.case import Case, is_array
from flashdeck.drills.compare import compare, dtype_problem
from flashdeck.drills.result import Diagnosis

Found = tuple[tuple, str, str]  # (what holds: its check and parameters, name, explanation)
EXTREME = 30.0  # |input| from which exp() and friends overflow or cancel in float64


def pattern(examined: list[tuple[Case, list[Any], list[Any]]], names: tuple[str, ...], atol: float,
            rtol: float) -> Diagnosis | None:
    """The pattern of the first failing case (case, learner's outputs, expected outputs) that
    shows one, claimed only if none of the other failing cases given contradicts it: each of
    them that it could be seen in (the same shapes, an axis long enough) shows it too. A
    factor of 2 on a one-token case and none on the next is no pattern."""
    seen = [_first_wrong(case, got, expected, names, atol, rtol) for case, got, expected in examined]
    for n, one in enumerate(seen):
        if one is None:
            continue
        index, g, e, case, same = one
        for check in CHECKS:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # (a cast of NaN, a complex part: not the learner's output)
                found = check(g, e, case, same)
            if found is None:
                continue
            for m, other in enumerate(seen):
                if m == n or other is None or other[0] != index or not _applies(found[0], *other[1:4]):
                    continue
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    again = check(*other[1:])
                if again is None or again[0] != found[0]:
                    return None  # contradicted
            label = f"{names[index]}: " if len(names) > 1 else ""
            return Diagnosis("pattern", label + found[1], found[2], case=case.name)
    return None


def _first_wrong(case, got, expected, names, atol, rtol):
    """(output index, learner's, expected, case, comparison) of a case's first wrong output."""
    atol = case.atol if case.atol is not None else atol
    rtol = case.rtol if case.rtol is not None else rtol
    for index, (g, e) in enumerate(zip(got, expected)):
        if isinstance(e, list) or isinstance(g, list):
            continue  # (a list output: the comparison's own message says enough)
        g, e = np.asarray(g), np.asarray(e)
        if not compare(g, e, atol=atol, rtol=rtol).ok:
            return index, g, e, case, _same(atol, rtol)
    return None


def _applies(key: tuple, g: np.ndarray, e: np.ndarray, case: Case) -> bool:
    """Could the pattern `key` be seen in this case at all? (Else the case says nothing of it.)"""
    kind = key[0]
    if kind == "transpose":
        square = g.shape == e.shape and g.ndim >= 2 and g.shape[-1] == g.shape[-2] > 1
        return square or (g.ndim >= 2 and g.shape != e.shape and g.shape[:-2] + g.shape[-2:][::-1] == e.shape)
    if kind == "reshape":
        return g.shape != e.shape and g.size == e.size
    if kind == "cast":
        return g.shape == e.shape and dtype_problem(g, e) is not None
    if kind == "unstable":
        return g.shape == e.shape and bool((~np.isfinite(g) & np.isfinite(e)).any())
    if g.shape != e.shape:
        return False
    if kind == "scale":
        return g.dtype.kind in "fc" and np.count_nonzero(np.abs(e.astype(np.float64)) > 1e-12) >= 2
    if kind == "shift":
        return g.ndim > key[1] and g.shape[key[1]] >= 3
    if kind == "slices":
        return g.ndim > key[1] and g.shape[key[1]] >= 2 and (key[1] == 0 or g.ndim >= 4)
    if kind == "masked":
        mask = case.inputs.get(key[1])
        if not is_array(mask) or mask.dtype != np.bool_ or mask.all() or not mask.any():
            return False
        try:
            np.broadcast_to(mask, g.shape)
        except ValueError:
            return False
        return True
    return False


def _same(atol: float, rtol: float) -> Callable[[np.ndarray, np.ndarray], bool]:
    return lambda g, e: compare(g, e, atol=atol, rtol=rtol).ok


def _reshaped(g, e, case, same) -> Found | None:
    if g.shape == e.shape or g.size != e.size or g.ndim < 1 or e.ndim < 1:
        return None
    if g.ndim >= 2 and g.shape[:-2] + g.shape[-2:][::-1] == e.shape and same(np.swapaxes(g, -1, -2), e):
        return (("transpose",), "the expected result, transposed",
                f"Its last two axes are swapped: shape {_shape(g.shape)} where {_shape(e.shape)} is expected.")
    if same(g.reshape(e.shape), e):
        return (("reshape",), "the right values in the wrong shape",
                (f"Shape {_shape(g.shape)} holds the expected values in order; the result should be "
                f"{_shape(e.shape)}."))
    return None


def _transposed(g, e, case, same) -> Found | None:
    if g.shape != e.shape or g.ndim < 2 or g.shape[-1] != g.shape[-2] or same(g, e):
        return None
    if same(np.swapaxes(g, -1, -2), e):
        return (("transpose",), "the expected result, transposed",
                ("Each square matrix is the expected one with rows and columns swapped: an index order or a "
                "transpose too many."))
    return None


def _cast(g, e, case, same) -> Found | None:
    if g.shape != e.shape or dtype_problem(g, e) is None:
        return None
    if g.dtype.kind == "c" and not np.all(g.imag == 0):
        return None  # (casting would drop a part that is not zero)
    if same(g.astype(e.dtype), e):
        return (("cast",), "the right values in the wrong dtype",
                f"The numbers are right, but as {g.dtype} where {e.dtype} is expected.")
    return None


def _unstable(g, e, case, same) -> Found | None:
    if g.shape != e.shape or g.dtype.kind not in "fc":
        return None
    bad = ~np.isfinite(g) & np.isfinite(e)
    if not bad.any():
        return None
    finite = np.isfinite(g) & np.isfinite(e)
    if finite.any() and not same(g[finite], e[finite]):
        return None  # wrong elsewhere too: not only a matter of stability
    largest = max((float(np.max(np.abs(v))) for v in case.inputs.values()
                   if is_array(v) and v.dtype.kind == "f" and v.size), default=0.0)
    if largest < EXTREME:
        return None
    return (("unstable",), "NaN or Inf where the inputs are extreme",
            (f"{int(bad.sum())} values are NaN/Inf where the expected ones are finite, and this case's inputs "
            f"reach {largest:.3g}: an exp() or a division overflows. A stable form (subtract the max, "
            "log-sum-exp) keeps them finite."))


def _scaled(g, e, case, same) -> Found | None:
    if g.shape != e.shape or g.dtype.kind not in "fc" or e.dtype.kind not in "fc":
        return None
    g64, e64 = g.astype(np.float64), e.astype(np.float64)
    if not (np.isfinite(g64).all() and np.isfinite(e64).all()) or np.count_nonzero(np.abs(e64) > 1e-12) < 2:
        return None
    factor = float(np.sum(g64 * e64) / np.sum(e64 * e64))
    if not math.isfinite(factor) or factor == 0 or abs(factor - 1) < 1e-6 or not same(g64, factor * e64):
        return None
    where = _named_factor(factor, case)
    return (("scale",), f"off by a constant factor: ×{factor:.6g}" + (f" ({where})" if where else ""),
            ("Every value is the expected one times the same number: a scale applied twice, left out, or "
            "taken from the wrong size."))


def _shifted(g, e, case, same) -> Found | None:
    if g.shape != e.shape or g.ndim < 1:
        return None
    for axis in range(g.ndim):
        n = g.shape[axis]
        if n < 3:
            continue
        for step in (1, -1):
            mine = np.take(g, range(max(step, 0), n + min(step, 0)), axis=axis)
            theirs = np.take(e, range(max(-step, 0), n + min(-step, 0)), axis=axis)
            unshifted = np.take(e, range(max(step, 0), n + min(step, 0)), axis=axis)
            if same(mine, theirs) and not same(unshifted, theirs):  # (a constant e shifts onto itself)
                towards = "later" if step > 0 else "earlier"
                return (("shift", axis, step), f"shifted by one position along axis {_axis(axis, g.ndim)}",
                        (f"Each value sits one position {towards} than expected along that axis: an off-by-one "
                        "in an index, a window or a mask."))
    return None


def _some_slices(g, e, case, same) -> Found | None:
    if g.shape != e.shape or g.ndim < 2:
        return None
    for axis, what in ((0, "rows" if g.ndim == 2 else "batch elements"), (1, "heads")):
        if axis == 1 and g.ndim < 4:
            break  # (an axis 1 of a 2- or 3-d result is a position or a feature, not a head)
        n = g.shape[axis]
        if n < 2:
            continue
        # a slice counts as right only where there is something to get right (not all zeros)
        right = [k for k in range(n) if same(np.take(g, k, axis=axis), np.take(e, k, axis=axis))
                 and np.any(np.abs(np.take(e, k, axis=axis)) > 1e-12)]
        wrong = [k for k in range(n) if not same(np.take(g, k, axis=axis), np.take(e, k, axis=axis))]
        if not right or not wrong:
            continue
        one = what[:-1] if what != "batch elements" else "batch element"
        if len(right) < len(wrong):
            return (("slices", axis), f"right for {len(right)} of {n} {what} only",
                    (f"Along axis {axis}, only {_few(right, one, what)} right: a value computed for one is "
                     "reused for the others, or an index is fixed where it should vary."))
        return (("slices", axis), f"wrong for {len(wrong)} of {n} {what} only",
                (f"Along axis {axis}, only {_few(wrong, one, what)} wrong: look at what sets "
                 f"{'it' if len(wrong) == 1 else 'them'} apart (an edge, a padded or masked one, the last)."))
    return None


def _few(numbers: list[int], one: str, many: str) -> str:
    """'head 0 comes out' / 'rows 2, 5 come out'."""
    listed = ", ".join(str(k) for k in numbers[:4]) + (", ..." if len(numbers) > 4 else "")
    return f"{one} {listed} comes out" if len(numbers) == 1 else f"{many} {listed} come out"


def _masked(g, e, case, same) -> Found | None:
    if g.shape != e.shape:
        return None
    for name, value in case.inputs.items():
        if not is_array(value) or value.dtype != np.bool_ or value.all() or not value.any():
            continue
        try:
            mask = np.broadcast_to(value, g.shape)
        except ValueError:
            continue
        for side, where in ((True, mask), (False, ~mask)):
            if same(g[where], e[where]) and not same(g[~where], e[~where]):
                return (("masked", name, side), f"right only where {name} is {side}",
                        (f"The values match where {name} is {side} and not where it is {not side}: the mask is "
                        "applied the wrong way round, or not at all."))
    return None


CHECKS: tuple[Callable[..., Found | None], ...] = (
    _reshaped, _transposed, _cast, _unstable, _scaled, _shifted, _some_slices, _masked)


def _named_factor(factor: float, case: Case) -> str:
    """What a constant factor is, when it is one of the case's sizes or parameters, its square
    root, or their inverses: "= √16, 16 the last axis of q"."""
    candidates: list[tuple[float, str]] = [(2.0, "= 2"), (0.5, "= 1/2"), (-1.0, "= -1")]
    for name, value in case.inputs.items():
        if is_array(value):
            for axis, size in enumerate(value.shape):
                if size > 1:
                    where = f"{size} the {_axis_words(axis, value.ndim)} of {name}"
                    candidates += [(math.sqrt(size), f"= √{size}, {where}"), (1 / math.sqrt(size), f"= 1/√{size}, {where}"),
                                   (float(size), f"= {size}, {where}"), (1 / size, f"= 1/{size}, {where}")]
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 1:
            candidates += [(1 / (1 - value), f"= 1/(1 − {name})"), (1 - value, f"= 1 − {name}"),
                           (1 / value, f"= 1/{name}"), (float(value), f"= {name}")]
    for candidate, words in candidates:
        if abs(factor - candidate) <= 1e-6 * abs(candidate):
            return words
    return ""


def _axis(axis: int, ndim: int) -> str:
    return f"{axis} (the last)" if axis == ndim - 1 and ndim > 1 else str(axis)


def _axis_words(axis: int, ndim: int) -> str:
    return "last axis" if axis == ndim - 1 else f"axis {axis}"


def _shape(shape: tuple[int, ...]) -> str:
    return str(tuple(int(s) for s in shape))

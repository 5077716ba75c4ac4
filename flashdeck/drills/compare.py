"""Compare one learner output with the reference: shape, then dtype, then values.

NumPy only. Values pass when ``|got - exp| <= atol + rtol * |exp|`` elementwise, and NaN, +Inf
and -Inf must sit in the same positions in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

DEFAULT_ATOL = 1e-8
DEFAULT_RTOL = 1e-6
MAX_MISMATCHES_SHOWN = 5


@dataclass
class Comparison:
    ok: bool
    message: str = ""
    details: list[str] = field(default_factory=list)
    max_abs_err: float | None = None
    max_rel_err: float | None = None


def _fmt(v: float) -> str:
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return f"{v:.10g}"


def _idx(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]" if index else "(scalar)"


def _shape(shape: tuple[int, ...]) -> str:
    return str(tuple(int(s) for s in shape))


def shape_problem(got: np.ndarray, exp: np.ndarray) -> str | None:
    if got.shape == exp.shape:
        return None
    msg = f"shape {_shape(got.shape)}, expected {_shape(exp.shape)}"
    if exp.ndim == 0 and got.size == 1:
        msg += " — return a scalar, not a one-element array"
    elif got.size == exp.size and sorted(got.shape) == sorted(exp.shape):
        msg += " — axes swapped (a transpose)?"
    elif got.ndim == exp.ndim + 1 and 1 in got.shape:
        msg += " — an extra axis of size 1 (keepdims left on?)"
    elif got.ndim + 1 == exp.ndim and 1 in exp.shape:
        msg += " — an axis of size 1 was dropped"
    elif got.size == 1 and exp.size > 1:
        msg += " — reduced over everything? (check the axis)"
    return msg


def dtype_problem(got: np.ndarray, exp: np.ndarray) -> str | None:
    g, e = got.dtype, exp.dtype
    if e.kind == "f":
        if g.kind == "f":
            if g.itemsize < e.itemsize:
                return (
                    f"dtype {g}, expected {e}: the result lost precision — look for a cast to "
                    f"{g} or a {g} constant"
                )
            return None  # more precision than asked is fine
        if g.kind in "iub":
            return f"dtype {g}, expected {e}: integer/boolean where floats were expected"
        return f"dtype {g}, expected {e}"
    if e.kind in "iu":
        if g.kind not in "iu":
            return f"dtype {g}, expected an integer dtype ({e})"
        if e.itemsize == 1 and g != e:
            return f"dtype {g}, expected {e}"
        return None
    if e.kind == "b" and g.kind != "b":
        return f"dtype {g}, expected bool"
    return None


def _nonfinite_counts(a: np.ndarray) -> str:
    parts = []
    for label, n in (
        ("NaN", int(np.isnan(a).sum())),
        ("+Inf", int(np.isposinf(a).sum())),
        ("-Inf", int(np.isneginf(a).sum())),
    ):
        if n:
            parts.append(f"{n} {label}")
    return ", ".join(parts) or "none"


def compare(got: np.ndarray, exp: np.ndarray, *, atol: float, rtol: float) -> Comparison:
    got = np.asarray(got)
    exp = np.asarray(exp)
    problem = shape_problem(got, exp)
    if problem:
        return Comparison(False, problem)
    problem = dtype_problem(got, exp)
    if problem:
        return Comparison(False, problem)
    if got.dtype.kind == "c":
        return Comparison(False, f"complex dtype {got.dtype}, expected real numbers")

    g = got.astype(np.float64)
    e = exp.astype(np.float64)
    exact = exp.dtype.kind in "iub"
    both_finite = np.isfinite(g) & np.isfinite(e)
    nonfinite_bad = ~both_finite & ~(
        (np.isnan(g) & np.isnan(e)) | (np.isposinf(g) & np.isposinf(e))
        | (np.isneginf(g) & np.isneginf(e))
    )
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.where(both_finite, np.abs(g - e), 0.0)
        tol = (0.0 if exact else atol) + (0.0 if exact else rtol) * np.abs(np.where(both_finite, e, 0.0))
        rel = np.where(both_finite & (e != 0), err / np.where(e != 0, np.abs(e), 1.0), 0.0)
    bad = (both_finite & (err > tol)) | nonfinite_bad

    result = Comparison(True)
    if both_finite.any():
        i_abs = np.unravel_index(int(np.argmax(err)), err.shape)
        i_rel = np.unravel_index(int(np.argmax(rel)), rel.shape)
        result.max_abs_err = float(err[i_abs])
        result.max_rel_err = float(rel[i_rel])
    nbad = int(bad.sum())
    if not nbad:
        return result

    result.ok = False
    if exact:
        result.message = f"values differ at {nbad} of {got.size} positions (exact match expected)"
    else:
        result.message = (
            f"values differ at {nbad} of {got.size} positions "
            f"(tolerance |got-exp| <= {atol:g} + {rtol:g}*|exp|)"
        )
    d = result.details
    if result.max_abs_err is not None and result.max_abs_err > 0:
        d.append(
            f"max abs error {result.max_abs_err:.3e} at {_idx(i_abs)} "
            f"(got {_fmt(g[i_abs])}, expected {_fmt(e[i_abs])})"
        )
        d.append(
            f"max rel error {result.max_rel_err:.3e} at {_idx(i_rel)} "
            f"(got {_fmt(g[i_rel])}, expected {_fmt(e[i_rel])})"
        )
    d.append("first mismatches:")
    for index in list(zip(*np.nonzero(bad)))[:MAX_MISMATCHES_SHOWN] if got.ndim else [()]:
        gi, ei = g[index], e[index]
        diff = f"  (abs err {abs(gi - ei):.2e})" if np.isfinite(gi) and np.isfinite(ei) else ""
        d.append(f"  {_idx(index)}  got {_fmt(gi)}  expected {_fmt(ei)}{diff}")
    if nbad > MAX_MISMATCHES_SHOWN:
        d.append(f"  ... and {nbad - MAX_MISMATCHES_SHOWN} more")
    if not np.isfinite(g).all() or not np.isfinite(e).all():
        d.append(f"NaN/Inf: got {_nonfinite_counts(g)}; expected {_nonfinite_counts(e)}")
    return result

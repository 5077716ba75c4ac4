"""The judge: cases -> learner's outputs (sandbox) and torch references (here) -> comparison.

This is the reference/compare side: it imports torch, lazily, the first time a reference is
computed. Callers that must never import torch (the TUI) go through flashdeck.drills.service.
"""

from __future__ import annotations

import importlib.util
import secrets
import shlex
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from flashdeck.drills import modules
from flashdeck.drills.case import Case, is_array, is_array_list
from flashdeck.drills.catalog import Drill
from flashdeck.drills.compare import DEFAULT_ATOL, DEFAULT_RTOL, compare
from flashdeck.drills.diagnose import known_mistake
from flashdeck.drills.patterns import pattern
from flashdeck.drills.result import NOT_RUN, CaseResult, CheckResult
from flashdeck.drills.sandbox import SandboxRun
from flashdeck.drills.sandbox_limits import Limits
from flashdeck.drills.sandbox_process import SparePool
from flashdeck.drills.sandbox_results import SandboxCase, SandboxResult


def _load_module(path: Path, kind: str) -> ModuleType:
    """Import a drill's cases.py / reference.py by path (cached while the file is unchanged)."""
    return modules.load(path, f"flashdeck_drill_{path.parent.name}_{kind}")


def new_seed() -> int:
    return secrets.randbelow(2**31)


def make_cases(drill: Drill, seed: int) -> tuple[list[Case], float, float]:
    """The drill's cases for this run's fresh seed, and its default (atol, rtol)."""
    mod = _load_module(drill.cases_path, "cases")
    cases = list(mod.cases(seed))
    seen: dict[str, int] = {}
    for case in cases:  # a fresh seed equal to a fixed one repeats a name: keep names unique
        seen[case.name] = seen.get(case.name, 0) + 1
        if seen[case.name] > 1:
            case.name = f"{case.name}_{seen[case.name]}"
    return cases, getattr(mod, "ATOL", DEFAULT_ATOL), getattr(mod, "RTOL", DEFAULT_RTOL)


class TorchMissing(RuntimeError):
    """PyTorch is not installed: the references cannot be computed."""


TORCH_HINT = "checking drills needs PyTorch (the CPU build is enough): pip install torch"


def _require_torch() -> None:
    """Cheap check (no import): is torch there? The import itself overlaps the sandbox run."""
    try:
        found = importlib.util.find_spec("torch") is not None
    except (ImportError, ValueError):  # e.g. sys.modules["torch"] is None
        found = False
    if not found:
        raise TorchMissing(TORCH_HINT)


def _torch():
    try:
        import torch  # lazy: torch only when a check runs
    except ImportError as e:
        raise TorchMissing(TORCH_HINT) from e
    return torch


def _to_torch(value: Any) -> Any:
    if is_array(value):
        # a copy: the reference may do what it likes with its tensors
        return _torch().from_numpy(np.array(value, copy=True))
    if is_array_list(value):
        return [_to_torch(v) for v in value]
    return value


def _to_numpy(item: Any) -> np.ndarray:
    torch = _torch()
    if isinstance(item, torch.Tensor):
        return item.detach().cpu().numpy()
    return np.asarray(item)


def _to_numpy_outputs(out: Any, drill: Drill) -> list[np.ndarray | list[np.ndarray]]:
    n = drill.n_outputs
    items = list(out) if n > 1 else [out]
    if len(items) != n:
        raise ValueError(f"{drill.reference_path}: reference returned {len(items)} outputs, "
                         f"meta.yaml says {n}")
    return [
        [_to_numpy(x) for x in item] if is_list else _to_numpy(item)
        for item, is_list in zip(items, drill.list_outputs)
    ]


def reference_outputs(drill: Drill, cases: list[Case]) -> list[list[Any]]:
    """Run the torch reference (float64 where the inputs are float64) on every case."""
    torch = _torch()  # before the reference module imports it: a clear error if missing
    mod = _load_module(drill.reference_path, "reference")
    results = []
    for case in cases:
        kwargs = {k: _to_torch(v) for k, v in {**case.inputs, **case.extras}.items()}
        with torch.enable_grad():
            out = mod.reference(**kwargs)
        results.append(_to_numpy_outputs(out, drill))
    return results


def _error_line(err: dict[str, Any]) -> str:
    msg = err.get("message", "error")
    if err.get("line"):
        src = err.get("source_line") or ""
        msg += f"  (line {err['line']}: {src})" if src else f"  (line {err['line']})"
    return msg


def _shapes(out: np.ndarray | list[np.ndarray]) -> list[Any]:
    return [list(o.shape) for o in out] if isinstance(out, list) else list(out.shape)


def _case_result(
    drill: Drill,
    case: Case,
    sc: SandboxCase,
    ref: list[np.ndarray],
    run: SandboxResult,
    atol: float,
    rtol: float,
) -> CaseResult:
    res = CaseResult(
        name=case.name,
        passed=False,
        seed=case.seed,
        inputs=case.describe_inputs(),
        note=case.note,
        expected_shapes=[_shapes(r) for r in ref],
    )
    if sc.status == "not_run":
        res.message = NOT_RUN
        res.note = ""
        return res
    if sc.status == "killed":
        res.message = run.fatal or "the run stopped during this case"
        return res
    if sc.status == "error":
        assert sc.error is not None
        res.message = _error_line(sc.error)
        res.details = list(sc.error.get("traceback", []))
        return res
    assert sc.outputs is not None
    res.got_shapes = [_shapes(o) for o in sc.outputs]
    if sc.mutated:
        names = ", ".join(sc.mutated)
        res.message = (
            f"your function modified its input {names} — work on a copy "
            f"(write x = x - m, not x -= m)"
        )
        return res
    atol = case.atol if case.atol is not None else atol
    rtol = case.rtol if case.rtol is not None else rtol
    max_abs, max_rel = 0.0, 0.0
    pairs: list[tuple[str, np.ndarray, np.ndarray]] = []
    for name, got, exp in zip(drill.output_names, sc.outputs, ref):
        label = name if drill.n_outputs > 1 else ""
        if isinstance(exp, list):
            assert isinstance(got, list)
            if len(got) != len(exp):
                res.message = f"{label or 'your result'}: {len(got)} arrays, expected {len(exp)}"
                return res
            pairs += [(f"{label}[{j}]", g, e) for j, (g, e) in enumerate(zip(got, exp))]
        else:
            pairs.append((label, got, exp))
    for label, got, exp in pairs:
        cmp = compare(got, exp, atol=atol, rtol=rtol)
        if cmp.max_abs_err is not None:
            max_abs = max(max_abs, cmp.max_abs_err)
            max_rel = max(max_rel, cmp.max_rel_err or 0.0)
        if not cmp.ok:
            res.message = (f"{label}: " if label else "") + cmp.message
            res.details = cmp.details
            res.max_abs_err, res.max_rel_err = cmp.max_abs_err, cmp.max_rel_err
            return res
    res.passed = True
    res.note = ""
    res.max_abs_err, res.max_rel_err = max_abs, max_rel
    return res


def _pattern(drill: Drill, cases: list[Case], ran: list[SandboxCase], results: list[CaseResult], refs: list[Any],
             atol: float, rtol: float):
    """What the failing cases' results look like (drills.patterns), from the first
    PATTERN_CASES of them that returned one (the first may be too small to show it: one
    position cannot be shifted)."""
    examined = []
    for case, sc, res, ref in zip(cases, ran, results, refs):
        if res.passed or sc.status != "ok" or sc.outputs is None or sc.mutated:
            continue
        examined.append((case, sc.outputs, ref))
        if len(examined) == PATTERN_CASES:
            break
    return pattern(examined, drill.output_names, atol, rtol) if examined else None


PATTERN_CASES = 3


def check_source(
    drill: Drill,
    source: str,
    *,
    filename: str = "attempt.py",
    display_path: str | None = None,
    seed: int | None = None,
    limits: Limits = Limits(),
    pool: SparePool | None = None,
) -> CheckResult:
    """Judge `source` (the learner's file) on the drill's cases. Imports torch on first use.

    With a `pool` (the warm judge), the learner's code goes to the sandbox process it holds
    ready, and the pool starts the next one while this check runs.
    """
    started = time.monotonic()
    _require_torch()  # fail before starting the sandbox if the references cannot be computed
    seed = new_seed() if seed is None else seed
    cases, atol, rtol = make_cases(drill, seed)
    path_text = display_path or filename
    repro = f"flashdeck drill check {drill.id} {shlex.quote(path_text)} --seed {seed}"
    sandbox = SandboxRun(
        source,
        drill.function,
        cases,
        filename=filename,
        output_names=drill.output_names,
        list_outputs=drill.list_outputs,
        limits=limits,
        process=pool.take(limits) if pool is not None else None,
    )
    try:
        if pool is not None:
            pool.refill(limits)  # the next check's process starts up while this one runs
        refs = reference_outputs(drill, cases)  # while the learner's code runs
    except BaseException:
        sandbox.kill()
        sandbox.wait()
        raise
    run = sandbox.wait()
    result = CheckResult(
        drill_id=drill.id,
        passed=False,
        seed=seed,
        repro=repro,
        stdout=run.stdout,
        stderr=run.stderr,
        isolation=run.isolation,
        isolation_why=run.isolation_why,
    )
    if run.load_error:
        result.error = _error_line(run.load_error)
        result.error_details = list(run.load_error.get("traceback", []))
    else:
        result.cases = [
            _case_result(drill, case, sc, ref, run, atol, rtol)
            for case, sc, ref in zip(cases, run.cases, refs)
        ]
        if run.fatal:
            result.error = run.fatal
            result.error_details = run.fatal_details
        result.passed = not run.fatal and all(c.passed for c in result.cases)
        if not result.passed and not run.fatal:
            began = time.monotonic()
            try:
                result.diagnosis = known_mistake(drill, cases, run.cases, result.cases, atol, rtol) \
                    or _pattern(drill, cases, run.cases, result.cases, refs, atol, rtol)
            except Exception:  # noqa: BLE001 - naming the mistake must never cost the learner the check
                result.diagnosis = None
            result.diagnosis_seconds = time.monotonic() - began
    result.duration = time.monotonic() - started
    return result

"""What a check returns: plain dataclasses that travel as JSON (CLI --json, the warm judge pipe).

Standard library only, so the TUI can hold and render results without NumPy or torch.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

NOT_RUN = "not run: the run stopped before this case"
DETAILED_FAILURES = 3  # failing cases shown in full; the others get their one-line message


@dataclass
class CaseResult:
    name: str
    passed: bool
    seed: int | None = None
    inputs: dict[str, Any] = field(default_factory=dict)  # name -> shape list, or the parameter
    message: str = ""  # one line: why it failed ("" when passed)
    details: list[str] = field(default_factory=list)  # further lines of the failure report
    note: str = ""  # what the case probes
    got_shapes: list[Any] | None = None  # per output: a shape, or a list of shapes
    expected_shapes: list[Any] | None = None
    max_abs_err: float | None = None
    max_rel_err: float | None = None

    def inputs_text(self) -> str:
        parts = []
        for k, v in self.inputs.items():
            if isinstance(v, list) and v and all(isinstance(s, list) for s in v):
                parts.append(f"{k}[{', '.join(_shape_text(s) for s in v)}]")
            elif isinstance(v, list):
                parts.append(f"{k}{_shape_text(v)}")
            else:
                parts.append(f"{k}={v!r}")
        return " ".join(parts)


def _shape_text(shape: list[int]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else str(tuple(shape))


@dataclass
class Diagnosis:
    """What the judge recognised in a failing check (drills.diagnose): a known mistake (one of
    the drill's wrong/*.py variants, which the learner's outputs match on every failing case
    and on the smaller passing ones)
    or a pattern in the first failing case. Never given on a pass."""

    kind: str  # "known_mistake" | "pattern"
    name: str  # one line: "scaled by sqrt(d_model), not sqrt(d_k)"
    explanation: str  # why it is wrong, in words (never the solution's code)
    variant: str | None = None  # the wrong/*.py file's stem, for a known mistake
    hint: int | None = None  # the hints.md hint (1-based) about it, if the drill has one
    case: str | None = None  # the case a pattern was seen in

    def headline(self) -> str:
        label = "Classic mistake" if self.kind == "known_mistake" else "Looks like"
        return f"{label}: {self.name}"


@dataclass
class CheckResult:
    drill_id: str
    passed: bool
    cases: list[CaseResult] = field(default_factory=list)
    error: str | None = None  # a problem with the whole file: syntax error, crash, time limit
    error_details: list[str] = field(default_factory=list)
    stdout: str = ""  # what the learner's code printed (capped)
    stderr: str = ""
    seed: int | None = None  # the run's fresh seed
    repro: str = ""  # one-line command that reproduces this run
    duration: float = 0.0  # seconds, whole check
    isolation: str = "none"  # how the learner's code was contained: "namespaces" | "process-group"
    isolation_why: str | None = None  # why not namespaces (see `flashdeck drill doctor`)
    diagnosis: Diagnosis | None = None  # what the mistake looks like, on a failure (drills.diagnose)
    diagnosis_seconds: float = 0.0  # of `duration`, the time finding it took (benchmarks/bench.py)

    @property
    def n_passed(self) -> int:
        return sum(c.passed for c in self.cases)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json_dict(self) -> dict[str, Any]:
        """to_dict() with non-finite floats as strings: strict JSON for --json output."""
        return _finite(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        data = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        data["cases"] = [CaseResult(**c) for c in data.get("cases", [])]
        if data.get("diagnosis") is not None:
            data["diagnosis"] = Diagnosis(**data["diagnosis"])
        return cls(**data)


def format_report(result: CheckResult, *, verbose: bool = False, diagnosis: bool = True) -> str:
    """Human-readable report: the mistake recognised, if any (`diagnosis=False`: left out, as
    during a mock interview); one line per case (✓/✗ name, seed, input shapes); under a
    failing case its message, and the details (mismatches, traceback) of the first few."""
    lines: list[str] = []
    if diagnosis and result.diagnosis is not None and not result.passed:  # first: it teaches
        lines.append(result.diagnosis.headline())
        lines.append(f"    {result.diagnosis.explanation}")
        if result.diagnosis.hint is not None:
            lines.append(f"    (hint {result.diagnosis.hint} is about this: "
                         f"flashdeck drill show {result.drill_id} --hints {result.diagnosis.hint})")
    if result.error:
        lines.append(f"✗ {result.error}")
        lines.extend(f"    {d}" for d in result.error_details)
    previous: tuple[str, list[str]] | None = None
    not_run = [c for c in result.cases if c.message == NOT_RUN]
    detailed = 0
    for case in result.cases:
        if case.message == NOT_RUN:
            continue
        mark = "✓" if case.passed else "✗"
        seed = f"  seed={case.seed}" if case.seed is not None else ""
        lines.append(f"{mark} {case.name}{seed}  {case.inputs_text()}")
        if case.passed:
            continue
        if case.message:
            lines.append(f"    {case.message}")
        if case.note:
            lines.append(f"    (this case: {case.note})")
        if not case.details:
            continue
        if not verbose and previous == (case.message, case.details):
            lines.append("    (same traceback as above)")
        elif not verbose and detailed >= DETAILED_FAILURES:
            lines.append("    (details: --verbose)")
        else:
            lines.extend(f"    {d}" for d in case.details)
            detailed += 1
        previous = (case.message, case.details)
    if not_run:
        names = ", ".join(c.name for c in not_run[:3]) + (", ..." if len(not_run) > 3 else "")
        lines.append(f"✗ {len(not_run)} more cases not run ({names})")
    for label, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        if text and (verbose or not result.passed):
            lines.append(f"--- your code's {label} ---")
            lines.append(text.rstrip("\n"))
    total = len(result.cases)
    if result.passed:
        lines.append(f"all {total} cases passed ({result.duration:.2f} s)")
    else:
        if total:
            lines.append(f"{result.n_passed}/{total} cases passed")
        if result.repro:
            lines.append(f"reproduce: {result.repro}")
    return "\n".join(lines)


def _finite(obj: Any) -> Any:
    if isinstance(obj, float) and not math.isfinite(obj):
        return str(obj)
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj

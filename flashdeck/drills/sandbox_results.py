"""Reading a sandbox run back: the events the runner wrote (events.jsonl), the output arrays,
faulthandler's dump, and the learner-facing reason a run died (time limit, signal, exit)."""

from __future__ import annotations

import json
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from flashdeck.drills.sandbox_limits import Limits
from flashdeck.drills.text import shown

_SIGNAL_TEXT = {
    signal.SIGSEGV: "segmentation fault",
    signal.SIGBUS: "bus error",
    signal.SIGFPE: "floating-point exception",
    signal.SIGILL: "illegal instruction",
    signal.SIGABRT: "aborted",
    signal.SIGKILL: "killed",
}


@dataclass
class SandboxCase:
    status: str  # "ok" | "error" | "killed" | "not_run"
    outputs: list[np.ndarray | list[np.ndarray]] | None = None  # a list for list outputs
    error: dict[str, Any] | None = None
    mutated: list[str] = field(default_factory=list)
    peak_bytes: int | None = None  # peak allocated during the call, for a case with a budget


@dataclass
class SandboxResult:
    cases: list[SandboxCase]
    load_error: dict[str, Any] | None = None
    fatal: str | None = None  # the process died or ran out of time
    fatal_details: list[str] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    returncode: int | None = None
    wall: float = 0.0
    isolation: str = "none"  # "namespaces" | "process-group" | "none" (the runner never said)
    isolation_why: str | None = None  # why the namespaces were not used


def shown_error(err: dict[str, Any] | None) -> dict[str, Any] | None:
    """An error from the runner with the learner's text made safe to print."""
    if not err:
        return err
    out = dict(err)
    for key in ("message", "source_line"):
        if isinstance(out.get(key), str):
            out[key] = shown(out[key])
    out["traceback"] = [shown(str(line)) for line in out.get("traceback") or []]
    return out


def _events(jobdir: Path) -> list[dict[str, Any]]:
    path = jobdir / "events.jsonl"
    events = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return events
    for line in lines:
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            pass  # a line cut short by a kill
    return events


def _load(jobdir: Path, entry: str | list[str]) -> np.ndarray | list[np.ndarray]:
    if isinstance(entry, list):
        return [np.load(jobdir / f, allow_pickle=False) for f in entry]
    return np.load(jobdir / entry, allow_pickle=False)


def read_result(jobdir: Path, n_cases: int, limits: Limits, finished: bool, returncode: int,
                cpu: float) -> SandboxResult:
    """The run's result from the events the runner wrote and the arrays it saved; a run that
    did not say "done" gets the reason it died."""
    cases = [SandboxCase(status="not_run") for _ in range(n_cases)]
    result = SandboxResult(cases=cases, returncode=returncode)
    running: int | None = None
    done = False
    for ev in _events(jobdir):
        kind = ev.get("event")
        if kind == "isolation":
            result.isolation = str(ev.get("mode") or "none")
            result.isolation_why = shown(str(ev["why"])) if ev.get("why") else None
        elif kind == "load_error":
            result.load_error = shown_error(ev["error"])
        elif kind == "start":
            running = ev["case"]
        elif kind == "case":
            i = ev["case"]
            running = None
            sc = cases[i]
            sc.status = ev["status"]
            sc.error = shown_error(ev.get("error"))
            sc.mutated = ev.get("mutated", [])
            sc.peak_bytes = ev.get("peak_bytes")
            if sc.status == "ok":
                try:
                    sc.outputs = [_load(jobdir, f) for f in ev["outputs"]]
                except (OSError, ValueError) as e:
                    sc.status = "error"
                    sc.error = {"kind": "output", "message": f"could not read output: {e}",
                                "line": None, "source_line": "", "traceback": []}
        elif kind == "done":
            done = True
    if done or result.load_error:
        return result
    result.fatal = _fatal_message(limits, finished, returncode, cpu)
    if running is not None:
        cases[running].status = "killed"
    return result


def _fatal_message(limits: Limits, finished: bool, returncode: int, cpu: float) -> str:
    limit = f"{limits.time_limit:g} s"
    if not finished:
        return f"time limit exceeded ({limit})"
    if returncode < 0:
        sig = -returncode
        if sig in (signal.SIGXCPU, signal.SIGKILL) and cpu >= limits.cpu_seconds - 0.05:
            return f"time limit exceeded ({limit}, CPU time)"
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        text = _SIGNAL_TEXT.get(sig, signal.strsignal(sig) or "")
        msg = f"your code crashed: killed by {name} ({text.lower()})"
        if sig in (signal.SIGABRT, signal.SIGKILL):
            msg += f" — out of memory? (limit {limits.memory_mb} MiB)"
        return msg
    return (
        f"the process exited with code {returncode} before returning its results "
        "(did your code exit the interpreter?)"
    )


def stack_lines(jobdir: Path, learner: Path) -> list[str]:
    """The learner's frames from faulthandler's dump (`File "x.py", line 5 in f`)."""
    try:
        dump = (jobdir / "fault.txt").read_text(encoding="utf-8", errors="replace")
        source = learner.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    marker = f'File "{learner}", line '
    frames: list[list[str]] = []
    for raw in dump.splitlines():
        line = raw.strip()
        if not line.startswith(marker):
            continue
        num, _, func = line[len(marker):].partition(" in ")
        try:
            n = int(num)
        except ValueError:
            continue
        frame = [f'File "{learner.name}", line {n}, in {func}']
        if 0 < n <= len(source):
            frame.append(f"  {source[n - 1].strip()}")
        frames.append(frame)
    # faulthandler lists the innermost call first; print like a traceback (innermost last)
    return [line for frame in reversed(frames) for line in frame]

"""Run the learner's function in a child ``python -I`` process (the sandbox side of the judge).

The parent writes the inputs to a temporary .npz, starts ``_runner.py`` in a new session, reads
its stdout/stderr concurrently with a cap, enforces the wall-time limit (the runner sets its
own CPU, address-space, core and file-size limits before it imports anything), kills the whole
process group at the end, and reads back the events and the output arrays.

No torch here, and nothing of the drill's reference reaches the child.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from flashdeck.drills.case import Case

RUNNER = Path(__file__).with_name("_runner.py")
BLOCKED = ("torch", "tensorflow", "jax", "jaxlib", "keras")
_RESERVED = {"job.json", "inputs.npz", "events.jsonl"}

_SIGNAL_TEXT = {
    signal.SIGSEGV: "segmentation fault",
    signal.SIGBUS: "bus error",
    signal.SIGFPE: "floating-point exception",
    signal.SIGILL: "illegal instruction",
    signal.SIGABRT: "aborted",
    signal.SIGKILL: "killed",
}


@dataclass(frozen=True)
class Limits:
    time_limit: float = 10.0  # seconds of wall time for the whole sandbox run
    memory_mb: int = 2048  # address space (RLIMIT_AS); NumPy itself needs ~150 MiB
    output_cap: int = 64 * 1024  # bytes of stdout and of stderr kept
    file_mb: int = 256  # largest file the sandbox may write (RLIMIT_FSIZE)

    @property
    def cpu_seconds(self) -> int:
        return int(self.time_limit) + 1


@dataclass
class SandboxCase:
    status: str  # "ok" | "error" | "killed" | "not_run"
    outputs: list[np.ndarray | list[np.ndarray]] | None = None  # a list for list outputs
    error: dict[str, Any] | None = None
    mutated: list[str] = field(default_factory=list)


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


class _CappedReader(threading.Thread):
    """Drain a pipe to the end, keeping the first `cap` bytes: a flood never blocks the child."""

    SLACK = 4096  # room above the runner's own cap for its truncation marker

    def __init__(self, pipe, cap: int):
        super().__init__(daemon=True)
        self.pipe, self.cap = pipe, cap + self.SLACK
        self.kept = bytearray()
        self.total = 0

    def run(self) -> None:
        try:
            while True:
                chunk = self.pipe.read1(1 << 16)
                if not chunk:
                    break
                self.total += len(chunk)
                room = self.cap - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]
        except (OSError, ValueError):
            pass

    def text(self) -> str:
        s = self.kept.decode("utf-8", errors="replace")
        if self.total > self.cap:
            s += f"\n... [output truncated at {(self.cap - self.SLACK) // 1024} KiB]\n"
        return s


def _safe_filename(filename: str) -> str:
    name = os.path.basename(filename or "") or "attempt.py"
    if not name.endswith(".py") or name in _RESERVED or name.startswith("out_"):
        name = "attempt.py"
    return name


class SandboxRun:
    """One sandbox process: constructing it starts the child, wait() collects the result.

    Between the two the caller is free to do other work (the judge computes the torch
    references while the learner's code runs).
    """

    def __init__(
        self,
        source: str,
        function: str,
        cases: list[Case],
        *,
        filename: str = "attempt.py",
        output_names: tuple[str, ...] = ("out",),
        list_outputs: tuple[bool, ...] | None = None,
        limits: Limits = Limits(),
    ):
        self.limits = limits
        self.n_cases = len(cases)
        self.jobdir = Path(tempfile.mkdtemp(prefix="flashdeck-sandbox-"))
        self.learner = self.jobdir / _safe_filename(filename)
        self.learner.write_text(source, encoding="utf-8")
        arrays: dict[str, np.ndarray] = {}
        job_cases = []
        for i, case in enumerate(cases):
            for name, value in case.arrays().items():
                arrays[f"c{i}__{name}"] = np.asarray(value)
            for name, values in case.array_lists().items():
                for j, value in enumerate(values):
                    arrays[f"c{i}__{name}__{j}"] = np.asarray(value)
            job_cases.append(
                {
                    "order": list(case.inputs),
                    "arrays": list(case.arrays()),
                    "lists": {k: len(v) for k, v in case.array_lists().items()},
                    "params": case.params(),
                }
            )
        np.savez(self.jobdir / "inputs.npz", **arrays)
        job = {
            "learner": str(self.learner),
            "function": function,
            "output_names": list(output_names),
            "list_outputs": list(list_outputs or [False] * len(output_names)),
            "blocked": list(BLOCKED),
            "limits": {
                "memory_bytes": limits.memory_mb * 1024 * 1024,
                "cpu_seconds": limits.cpu_seconds,
                "file_bytes": limits.file_mb * 1024 * 1024,
                "output_chars": limits.output_cap,
            },
            "cases": job_cases,
        }
        (self.jobdir / "job.json").write_text(json.dumps(job), encoding="utf-8")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.jobdir),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        self.started = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-u", str(RUNNER), str(self.jobdir)],
                cwd=self.jobdir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: one kill reaches its children
            )
        except BaseException:
            shutil.rmtree(self.jobdir, ignore_errors=True)
            raise
        self.readers = [
            _CappedReader(self.proc.stdout, limits.output_cap),
            _CappedReader(self.proc.stderr, limits.output_cap),
        ]
        for r in self.readers:
            r.start()

    def _wait_exit(self) -> bool:
        """Wait for the child to exit without reaping it; False on wall-time expiry."""
        deadline = self.started + self.limits.time_limit
        delay = 0.002
        while True:
            try:
                info = os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return True
            if info is not None:
                return True
            now = time.monotonic()
            if now >= deadline:
                return False
            time.sleep(min(delay, deadline - now))
            delay = min(delay * 1.5, 0.02)

    def wait(self) -> SandboxResult:
        try:
            finished = self._wait_exit()
            if not finished:
                self._dump_stack()
            # The leader is a zombie (or being killed), so its group id cannot be reused yet:
            # kill the group to take any process the learner started along with it.
            self.kill()
            try:
                _, status, usage = os.wait4(self.proc.pid, 0)
                returncode = os.waitstatus_to_exitcode(status)
                self.proc.returncode = returncode
                cpu = usage.ru_utime + usage.ru_stime
            except ChildProcessError:  # reaped elsewhere (a SIGCHLD handler)
                returncode, cpu = self.proc.wait(), 0.0
            wall = time.monotonic() - self.started
            for r in self.readers:
                r.join(timeout=2.0)
            result = self._collect(finished, returncode, cpu)
            result.wall = wall
            # warnings name the file by its temporary path: show the learner's file name
            prefix = f"{self.jobdir}{os.sep}"
            result.stdout = self.readers[0].text().replace(prefix, "")
            result.stderr = self.readers[1].text().replace(prefix, "")
            if result.fatal:
                result.fatal_details = self._stack_lines()
            return result
        finally:
            if self.proc.returncode is None:  # interrupted (the judge is shutting down)
                self.kill()
                self.proc.wait()
            for pipe in (self.proc.stdout, self.proc.stderr):
                try:
                    pipe.close()
                except OSError:
                    pass
            shutil.rmtree(self.jobdir, ignore_errors=True)

    def _dump_stack(self) -> None:
        """Ask the runner's faulthandler where the learner's code is, before the kill."""
        try:
            os.kill(self.proc.pid, signal.SIGUSR1)
        except ProcessLookupError:
            return
        fault = self.jobdir / "fault.txt"
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            try:
                if fault.stat().st_size > 0:
                    time.sleep(0.02)  # let the dump finish
                    return
            except OSError:
                pass
            time.sleep(0.01)

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    # -- reading back --------------------------------------------------------------------
    def _events(self) -> list[dict[str, Any]]:
        path = self.jobdir / "events.jsonl"
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

    def _load(self, entry: str | list[str]) -> np.ndarray | list[np.ndarray]:
        if isinstance(entry, list):
            return [np.load(self.jobdir / f, allow_pickle=False) for f in entry]
        return np.load(self.jobdir / entry, allow_pickle=False)

    def _collect(self, finished: bool, returncode: int, cpu: float) -> SandboxResult:
        cases = [SandboxCase(status="not_run") for _ in range(self.n_cases)]
        result = SandboxResult(cases=cases, returncode=returncode)
        running: int | None = None
        done = False
        for ev in self._events():
            kind = ev.get("event")
            if kind == "load_error":
                result.load_error = ev["error"]
            elif kind == "start":
                running = ev["case"]
            elif kind == "case":
                i = ev["case"]
                running = None
                sc = cases[i]
                sc.status = ev["status"]
                sc.error = ev.get("error")
                sc.mutated = ev.get("mutated", [])
                if sc.status == "ok":
                    try:
                        sc.outputs = [self._load(f) for f in ev["outputs"]]
                    except (OSError, ValueError) as e:
                        sc.status = "error"
                        sc.error = {"kind": "output", "message": f"could not read output: {e}",
                                    "line": None, "source_line": "", "traceback": []}
            elif kind == "done":
                done = True
        if done or result.load_error:
            return result
        result.fatal = self._fatal_message(finished, returncode, cpu)
        if running is not None:
            cases[running].status = "killed"
        return result

    def _fatal_message(self, finished: bool, returncode: int, cpu: float) -> str:
        limit = f"{self.limits.time_limit:g} s"
        if not finished:
            return f"time limit exceeded ({limit})"
        if returncode < 0:
            sig = -returncode
            if sig in (signal.SIGXCPU, signal.SIGKILL) and cpu >= self.limits.cpu_seconds - 0.05:
                return f"time limit exceeded ({limit}, CPU time)"
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = f"signal {sig}"
            text = _SIGNAL_TEXT.get(sig, signal.strsignal(sig) or "")
            msg = f"your code crashed: killed by {name} ({text.lower()})"
            if sig in (signal.SIGABRT, signal.SIGKILL):
                msg += f" — out of memory? (limit {self.limits.memory_mb} MiB)"
            return msg
        return (
            f"the process exited with code {returncode} before returning its results "
            "(did your code exit the interpreter?)"
        )

    def _stack_lines(self) -> list[str]:
        """The learner's frames from faulthandler's dump (`File "x.py", line 5 in f`)."""
        try:
            dump = (self.jobdir / "fault.txt").read_text(encoding="utf-8", errors="replace")
            source = self.learner.read_text(encoding="utf-8").splitlines()
        except OSError:
            return []
        marker = f'File "{self.learner}", line '
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
            frame = [f'File "{self.learner.name}", line {n}, in {func}']
            if 0 < n <= len(source):
                frame.append(f"  {source[n - 1].strip()}")
            frames.append(frame)
        # faulthandler lists the innermost call first; print like a traceback (innermost last)
        return [line for frame in reversed(frames) for line in frame]

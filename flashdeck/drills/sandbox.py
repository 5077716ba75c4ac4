"""Run the learner's function in a child ``python -I`` process (the sandbox side of the judge).

A `SandboxProcess` is ``_runner.py`` started in a new session: it sets its own CPU,
address-space, core and file-size limits before it imports anything, refuses torch, imports
NumPy, and waits on stdin for one job. A `SandboxRun` writes the learner's file and the inputs
(.npz) into that process's directory, sends the job, reads its stdout/stderr concurrently with
a cap, enforces the wall-time limit (counted from the hand-over), kills the whole process group
at the end, and reads back the events and the output arrays. Every run gets its own process.

The warm judge keeps one process started ahead of time in a `SparePool`, so a check does not
wait for Python and NumPy to start; the one-shot path (the CLI) starts its process on the spot.

No torch here, and nothing of the drill's reference reaches the child.
"""

from __future__ import annotations

import json
import math
import os
import select
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
from flashdeck.drills.text import shown

RUNNER = Path(__file__).with_name("_runner.py")
BLOCKED = ("torch", "tensorflow", "jax", "jaxlib", "keras")
_RESERVED = {"inputs.npz", "events.jsonl", "fault.txt"}

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

    MAX_TIME_LIMIT = 300.0

    def __post_init__(self) -> None:
        if not (isinstance(self.time_limit, (int, float)) and math.isfinite(self.time_limit)
                and 0 < self.time_limit <= self.MAX_TIME_LIMIT):
            raise ValueError(f"time limit must be a number of seconds in (0, "
                             f"{self.MAX_TIME_LIMIT:g}], got {self.time_limit!r}")
        if not (isinstance(self.memory_mb, int) and 64 <= self.memory_mb <= 1 << 20):
            raise ValueError(f"memory limit must be whole MiB from 64, got {self.memory_mb!r}")

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
    isolation: str = "none"  # "namespaces" | "process-group" | "none" (the runner never said)
    isolation_why: str | None = None  # why the namespaces were not used


class _CappedReader(threading.Thread):
    """Drain a pipe, keeping the first `cap` bytes: a flood never blocks the child.

    It reads the raw descriptor with select, so `stop()` ends it even while some process the
    learner started still holds the pipe's other end: the judge never waits for an EOF."""

    SLACK = 4096  # room above the runner's own cap for its truncation marker

    def __init__(self, pipe, cap: int):
        super().__init__(daemon=True)
        self.fd = pipe.fileno()
        self.cap = cap + self.SLACK
        self.kept = bytearray()
        self.total = 0
        self._halt = threading.Event()

    def run(self) -> None:
        try:
            while True:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if not ready:
                    if self._halt.is_set():
                        break
                    continue
                chunk = os.read(self.fd, 1 << 16)
                if not chunk:
                    break
                self.total += len(chunk)
                room = self.cap - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]
        except (OSError, ValueError):
            pass

    def finish(self, timeout: float) -> None:
        """Read what is buffered until EOF or `timeout`, then stop reading."""
        self.join(timeout)
        self._halt.set()
        self.join()

    def text(self) -> str:
        s = self.kept.decode("utf-8", errors="replace")
        if self.total > self.cap:
            s += f"\n... [output truncated at {(self.cap - self.SLACK) // 1024} KiB]\n"
        return s


def _shown_error(err: dict[str, Any] | None) -> dict[str, Any] | None:
    """An error from the runner with the learner's text made safe to print."""
    if not err:
        return err
    out = dict(err)
    for key in ("message", "source_line"):
        if isinstance(out.get(key), str):
            out[key] = shown(out[key])
    out["traceback"] = [shown(str(line)) for line in out.get("traceback") or []]
    return out


def _safe_filename(filename: str) -> str:
    name = os.path.basename(filename or "") or "attempt.py"
    if not name.endswith(".py") or name in _RESERVED or name.startswith("out_"):
        name = "attempt.py"
    return name


def _child_env(jobdir: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(jobdir),
        "TMPDIR": str(jobdir),  # the only writable place once contained
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


# What the contained runner sees, read-only: the system, the Python installation, NumPy.
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime")


def contain_plan(base: Path, jobdir: Path) -> dict[str, Any]:
    """What the runner's containment mounts (see _contain.py). FLASHDECK_SANDBOX=process-group
    turns the namespaces off (a system where they misbehave)."""
    from flashdeck import paths

    real = lambda p: os.path.realpath(p)  # noqa: E731
    read_only = set(_SYSTEM_DIRS)
    for p in (sys.base_prefix, sys.base_exec_prefix, os.path.dirname(os.__file__),
              os.path.dirname(json.__file__), Path(np.__file__).parent.parent,
              os.path.dirname(sys.executable), os.path.dirname(real(sys.executable))):
        read_only.add(real(p))  # the interpreter too: learner code may start sys.executable
    # The drill's solution, reference and hints must not be readable from inside, wherever the
    # binds above happen to reach: the package (a wheel carries the drills in it), the drills,
    # the repository's copies, the learner's data.
    hide = {real(Path(__file__).resolve().parent.parent), real(paths.bundled_drills_dir()),
            real(paths.home_dir())}
    hide.add(real(Path(__file__).resolve().parent.parent.parent / "coding_drills"))
    for d in read_only:  # an install beside NumPy (a wheel, or an editable's _bundled copy)
        for name in ("flashdeck", "coding_drills"):
            if os.path.isdir(os.path.join(d, name)):
                hide.add(real(os.path.join(d, name)))
    # Only what a bind brings along needs covering, and a cover over a bound directory (a data
    # dir that holds the venv, say) would take the Python installation away with it.
    inside = lambda child, parent: child.startswith(parent.rstrip("/") + "/")  # noqa: E731
    keep = [*read_only, real(jobdir)]
    hide = {h for h in hide if any(inside(h, d) for d in read_only)
            and not any(k == h or inside(k, h) for k in keep)}
    mode = os.environ.get("FLASHDECK_SANDBOX", "").strip().lower()
    return {
        "mode": "process-group" if mode == "process-group" else "namespaces",
        "root": str(base / "root"),
        "job": str(jobdir),
        "read_only": sorted(read_only),
        "read_only_files": list(_SYSTEM_FILES),
        "hide": sorted(hide),
    }


class SandboxProcess:
    """A runner started ahead of its job: limits set, torch refused, NumPy imported (or being
    imported), waiting on stdin. It serves one `SandboxRun`, then it is killed; `discard()`
    ends one that is not going to be used."""

    def __init__(self, limits: Limits = Limits()):
        self.limits = limits
        # base/job is the learner's (and the only writable place inside); base/root is where
        # the runner mounts its own root file system, seen only in its mount namespace.
        self.base = Path(tempfile.mkdtemp(prefix="flashdeck-sandbox-"))
        self.jobdir = self.base / "job"
        self.jobdir.mkdir()
        (self.base / "root").mkdir()
        setup = {
            "contain": contain_plan(self.base, self.jobdir),
            "blocked": list(BLOCKED),
            "limits": {
                "memory_bytes": limits.memory_mb * 1024 * 1024,
                "cpu_seconds": limits.cpu_seconds,
                "file_bytes": limits.file_mb * 1024 * 1024,
                "output_chars": limits.output_cap,
            },
        }
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-u", str(RUNNER), str(self.jobdir), json.dumps(setup)],
                cwd=self.jobdir,
                env=_child_env(self.jobdir),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: one kill reaches its children
            )
        except BaseException:
            shutil.rmtree(self.base, ignore_errors=True)
            raise
        self.readers = [
            _CappedReader(self.proc.stdout, limits.output_cap),
            _CappedReader(self.proc.stderr, limits.output_cap),
        ]
        for r in self.readers:
            r.start()
        self.used = False

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def hand_over(self, job: dict[str, Any]) -> bool:
        """Send the job (its files must be in place); False if the process is gone."""
        assert not self.used, "a sandbox process runs one job only"
        self.used = True
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(job) + "\n").encode())
            self.proc.stdin.close()  # the runner reads one line, then its stdin is /dev/null
        except (BrokenPipeError, OSError, ValueError):
            return False
        return True

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def discard(self) -> None:
        """End an unused process and remove its directory."""
        for pipe in (self.proc.stdin,):
            try:
                pipe.close()  # EOF: an idle runner leaves by itself
            except (OSError, ValueError):
                pass
        try:
            self.proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            pass
        self.kill()  # still importing NumPy, or stuck: the group goes
        self.proc.wait()
        for r in self.readers:
            r.finish(timeout=1.0)
        for pipe in (self.proc.stdout, self.proc.stderr):
            try:
                pipe.close()
            except OSError:
                pass
        shutil.rmtree(self.base, ignore_errors=True)


class SparePool:
    """Keeps `size` `SandboxProcess`es started ahead of time (the warm judge's), so that a
    check hands the learner's code to a process that already has Python and NumPy up.

    `take()` gives away the oldest spare (None if there is none); `refill()` starts new ones in
    a background thread. A spare is never reused: each learner run gets a fresh process.
    Thread-safe; `close()` ends the spares.
    """

    def __init__(self, size: int = 1) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._spares: list[SandboxProcess] = []
        self._filler: threading.Thread | None = None
        self._closed = False

    def take(self, limits: Limits) -> SandboxProcess | None:
        filler = self._filler
        with self._lock:
            empty = not self._spares
        if empty and filler is not None:
            filler.join()  # its Popen is a matter of milliseconds: sooner than a fresh start
        stale = []
        spare = None
        with self._lock:
            while self._spares and spare is None:
                candidate = self._spares.pop(0)
                if candidate.limits == limits and candidate.alive:
                    spare = candidate
                else:
                    stale.append(candidate)
        for p in stale:
            p.discard()
        return spare

    def refill(self, limits: Limits, wait: bool = False) -> None:
        """Top the pool up with processes for these limits (in the background unless wait)."""
        with self._lock:
            if self._closed or (self._filler is not None and self._filler.is_alive()):
                return
            self._filler = threading.Thread(target=self._fill, args=(limits,), daemon=True,
                                            name="sandbox-spares")
            filler = self._filler
        filler.start()
        if wait:
            filler.join()

    def _fill(self, limits: Limits) -> None:
        while True:
            with self._lock:
                stale = [p for p in self._spares if p.limits != limits]
                self._spares = [p for p in self._spares if p.limits == limits]
                if self._closed or len(self._spares) >= self.size:
                    break
            for p in stale:
                p.discard()
            try:
                spare = SandboxProcess(limits)
            except OSError:  # no process to spare now: a check starts its own
                return
            with self._lock:
                if not self._closed:
                    self._spares.append(spare)
                    spare = None
            if spare is not None:
                spare.discard()
                return
        for p in stale:
            p.discard()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            spares, self._spares = self._spares, []
            filler = self._filler
        if filler is not None:
            filler.join(timeout=5)
        for p in spares:
            p.discard()
        with self._lock:  # one the filler added before it saw the flag
            spares, self._spares = self._spares, []
        for p in spares:
            p.discard()


class SandboxRun:
    """One learner run: constructing it hands the job to a sandbox process (the `process`
    given, if it is alive and has these limits, else one started on the spot); wait() collects
    the result.

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
        process: SandboxProcess | None = None,
    ):
        self.limits = limits
        self.n_cases = len(cases)
        if process is not None and (process.used or process.limits != limits
                                    or not process.alive):
            if not process.used:
                process.discard()
            process = None
        if process is None:
            process = SandboxProcess(limits)
        self.process = process
        try:
            self._hand_over(process, source, function, cases, filename, output_names,
                            list_outputs)
        except BaseException:
            self.process.discard()
            raise

    def _hand_over(self, process, source, function, cases, filename, output_names,
                   list_outputs) -> None:
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
        for attempt in (1, 2):
            self._bind(process, filename)
            self.learner.write_text(source, encoding="utf-8")
            np.savez(self.jobdir / "inputs.npz", **arrays)
            job = {
                "learner": str(self.learner),
                "function": function,
                "output_names": list(output_names),
                "list_outputs": list(list_outputs or [False] * len(output_names)),
                "cases": job_cases,
            }
            self.started = time.monotonic()  # the learner's wall time starts at the hand-over
            if process.hand_over(job) or attempt == 2:
                return  # a process that died at once: wait() reports how
            # a spare that died while it waited (killed from outside): start a fresh one
            process.discard()
            process = self.process = SandboxProcess(self.limits)

    def _bind(self, process: SandboxProcess, filename: str) -> None:
        self.base = process.base
        self.jobdir = process.jobdir
        self.proc = process.proc
        self.readers = process.readers
        self.learner = self.jobdir / _safe_filename(filename)

    def _wait_exit(self) -> bool:
        """Wait for the child to exit without reaping it; False on wall-time expiry."""
        deadline = self.started + self.limits.time_limit
        try:  # a pidfd turns readable when the process exits: no polling delay
            pidfd = os.pidfd_open(self.proc.pid)
        except (AttributeError, OSError):
            pidfd = None
        if pidfd is not None:
            try:
                while True:
                    now = time.monotonic()
                    if now >= deadline:
                        return False
                    ready, _, _ = select.select([pidfd], [], [], deadline - now)
                    if ready:
                        return True
            finally:
                os.close(pidfd)
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
            # What is in the pipes is read at once; a process that escaped the kill (without
            # namespaces) may hold them open for ever, so the wait for an EOF is short.
            drain_until = time.monotonic() + 0.5
            for r in self.readers:
                r.finish(timeout=max(0.0, drain_until - time.monotonic()))
            result = self._collect(finished, returncode, cpu)
            result.wall = wall
            # warnings name the file by its temporary path: show the learner's file name
            prefix = f"{self.jobdir}{os.sep}"
            result.stdout = shown(self.readers[0].text().replace(prefix, ""))
            result.stderr = shown(self.readers[1].text().replace(prefix, ""))
            if result.fatal:
                result.fatal_details = [shown(line) for line in self._stack_lines()]
            return result
        finally:
            if self.proc.returncode is None:  # interrupted (the judge is shutting down)
                self.kill()
                self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                try:
                    pipe.close()
                except OSError:
                    pass
            shutil.rmtree(self.base, ignore_errors=True)

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
            if kind == "isolation":
                result.isolation = str(ev.get("mode") or "none")
                result.isolation_why = shown(str(ev["why"])) if ev.get("why") else None
            elif kind == "load_error":
                result.load_error = _shown_error(ev["error"])
            elif kind == "start":
                running = ev["case"]
            elif kind == "case":
                i = ev["case"]
                running = None
                sc = cases[i]
                sc.status = ev["status"]
                sc.error = _shown_error(ev.get("error"))
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

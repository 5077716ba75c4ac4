"""Sandbox processes: a runner started ahead of its job (`SandboxProcess`), the pool that keeps
one ready for the warm judge (`SparePool`), and the capped readers that drain its pipes."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from flashdeck.drills.sandbox_child import RUNNER, child_env, runner_setup
from flashdeck.drills.sandbox_limits import Limits


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
        setup = runner_setup(limits, self.base, self.jobdir)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-u", str(RUNNER), str(self.jobdir), json.dumps(setup)],
                cwd=self.jobdir,
                env=child_env(self.jobdir),
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

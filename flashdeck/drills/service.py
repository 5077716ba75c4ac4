"""How the CLI and the TUI check a learner's drill.

- `check_file(drill_id, path)`: one shot, judged in the calling process, which imports torch
  on first use. For the CLI.
- `WarmJudge`: a long-lived judge process (``python -m flashdeck.drills._server``) that imports
  torch once, then serves checks over a JSON-lines pipe. For the TUI: importing this module
  and using WarmJudge pulls neither torch nor NumPy into the caller. Methods block; call them
  from a thread worker (``@work(thread=True)``). Safe to share between threads.

In both, the learner's code runs in a separate sandbox process per check.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from flashdeck.drills.catalog import get_drill
from flashdeck.drills.result import CheckResult
from flashdeck.drills.sandbox_limits import Limits

DEFAULT_TIME_LIMIT = 10.0
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]
DEFAULT_MEMORY_MB = 2048


def check_file(
    drill_id: str,
    path: str | os.PathLike[str],
    *,
    seed: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    root: Path | None = None,
) -> CheckResult:
    """Judge the learner's file in this process (imports torch).

    Raises DrillNotFound for an unknown drill, OSError / UnicodeDecodeError for a file that
    cannot be read.
    """
    drill = get_drill(drill_id, root)
    path = Path(path)
    source = path.read_text(encoding="utf-8")
    return check_source(
        drill_id, source, filename=path.name, display_path=str(path), seed=seed,
        time_limit=time_limit, memory_mb=memory_mb, root=root, _drill=drill,
    )


def check_source(
    drill_id: str,
    source: str,
    *,
    filename: str = "attempt.py",
    display_path: str | None = None,
    seed: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    root: Path | None = None,
    _drill: Any = None,
) -> CheckResult:
    """Judge source code in this process (imports torch)."""
    from flashdeck.drills import judge  # lazy: the judge imports numpy (torch when it checks); keeps both off `flashdeck --help` and the TUI's start

    drill = _drill or get_drill(drill_id, root)
    return judge.check_source(
        drill,
        source,
        filename=filename,
        display_path=display_path,
        seed=seed,
        limits=Limits(time_limit=time_limit, memory_mb=memory_mb),
    )


class JudgeError(RuntimeError):
    """The warm judge process could not be started."""


class WarmJudge:
    """A background judge process with torch already imported.

    ``start(wait=False)`` at app start-up begins the torch import in the background; the first
    ``check`` waits for it. A judge that died or stopped answering is restarted on the next
    check. Use as a context manager or call ``close()``.
    """

    READY_TIMEOUT = 180.0  # a cold torch import on a slow disk
    SLACK = 30.0  # beyond the sandbox's own time limit, before the judge is presumed stuck

    def __init__(
        self,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        root: Path | None = None,
        python: str = sys.executable,
    ):
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self.root = root
        self.python = python
        self._lock = threading.RLock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes | None] | None = None
        self._ready = False
        self._next_id = 0
        self._log_path: Path | None = None
        self._closed = False
        self.info: dict[str, Any] = {}

    # -- lifecycle -----------------------------------------------------------------------
    def start(self, wait: bool = True) -> None:
        """Spawn the judge process (if not running); with wait, block until torch is loaded."""
        with self._lock:
            self._closed = False
            self._ensure_running(wait)

    def _ensure_running(self, wait: bool = True) -> None:
        if not self.alive:
            self._spawn()
        if wait:
            self._wait_ready()

    def _spawn(self) -> None:
        self._drop_log()
        fd, log = tempfile.mkstemp(prefix="flashdeck-judge-", suffix=".log")
        self._log_path = Path(log)
        cmd = [self.python, "-m", "flashdeck.drills._server",
               "--time-limit", repr(float(self.time_limit)), "--memory-mb", str(int(self.memory_mb))]
        if self.root is not None:
            cmd += ["--root", str(self.root)]
        try:
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=fd,
                start_new_session=True,  # the terminal's Ctrl+C is the app's business
                env=_child_env(),
                cwd=_PACKAGE_PARENT,  # `-m flashdeck...` finds this very package first
            )
        finally:
            os.close(fd)
        self._ready = False
        self._lines = queue.Queue()
        threading.Thread(
            target=_pump_lines, args=(self._proc.stdout, self._lines), daemon=True
        ).start()

    def _wait_ready(self) -> None:
        if self._ready:
            return
        msg = self._receive(self.READY_TIMEOUT)
        if msg is None or not msg.get("ready"):
            tail = self._log_tail()
            self._kill()
            raise JudgeError(f"the judge process failed to start{': ' + tail if tail else ''}")
        self.info = msg
        self._ready = True

    def close(self) -> None:
        """Stop the judge process. A check in flight in another thread ends with an error."""
        self._closed = True
        proc = self._proc
        if proc is not None:
            try:
                if proc.stdin:
                    proc.stdin.close()  # EOF: an idle server leaves its loop
                proc.wait(timeout=1)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                _stop(proc)
        with self._lock:
            self._proc = None
            self._ready = False
            self._drop_log()

    def _drop_log(self) -> None:
        if self._log_path:
            self._log_path.unlink(missing_ok=True)
            self._log_path = None

    def __enter__(self) -> WarmJudge:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    # -- checking ------------------------------------------------------------------------
    def check(
        self,
        drill_id: str,
        source_code: str,
        *,
        filename: str = "attempt.py",
        display_path: str | None = None,
        seed: int | None = None,
    ) -> CheckResult:
        """Judge source code for a drill (blocks: call it from a worker thread).

        Raises DrillNotFound for an unknown drill and JudgeError if the judge cannot start;
        anything else, including a judge that died mid-check, comes back as a failed result.
        """
        get_drill(drill_id, self.root)  # fail fast, and in the caller, on a bad id
        request = {
            "op": "check",
            "drill_id": drill_id,
            "source": source_code,
            "filename": filename,
            "display_path": display_path,
            "seed": seed,
            "time_limit": self.time_limit,
            "memory_mb": self.memory_mb,
        }
        with self._lock:
            for attempt in (1, 2):
                if self._closed:
                    return CheckResult(drill_id=drill_id, passed=False,
                                       error="the judge was closed")
                self._ensure_running()
                response = self._request(request, self.time_limit + self.SLACK)
                if response is not None:
                    break
                tail = self._log_tail()
                self._kill()
                if self._closed:
                    return CheckResult(drill_id=drill_id, passed=False,
                                       error="the judge was closed")
                if attempt == 2:
                    return CheckResult(
                        drill_id=drill_id,
                        passed=False,
                        error="the judge process stopped answering (it will restart)",
                        error_details=[tail] if tail else [],
                    )
        if response.get("ok"):
            return CheckResult.from_dict(response["result"])
        return CheckResult(
            drill_id=drill_id,
            passed=False,
            error=f"internal error in the judge: {response.get('error')}",
            error_details=response.get("traceback", "").splitlines()[-8:],
        )

    def _request(self, request: dict[str, Any], timeout: float) -> dict[str, Any] | None:
        assert self._proc is not None and self._proc.stdin is not None
        self._next_id += 1
        request = {**request, "id": self._next_id}
        try:
            self._proc.stdin.write((json.dumps(request) + "\n").encode())
            self._proc.stdin.flush()
        except (OSError, ValueError):  # a dead process, or stdin closed by close()
            return None
        while True:
            msg = self._receive(timeout)
            if msg is None or msg.get("id") == self._next_id:
                return msg

    def _receive(self, timeout: float) -> dict[str, Any] | None:
        assert self._lines is not None
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if line is None:
            return None
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            return None

    def _kill(self) -> None:
        if self._proc is not None:
            _stop(self._proc)
        self._proc = None
        self._ready = False

    def _log_tail(self, n: int = 2000) -> str:
        try:
            return self._log_path.read_text(errors="replace")[-n:].strip() if self._log_path else ""
        except OSError:
            return ""


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM first: the server unwinds a check in flight (killing its sandbox); then SIGKILL."""
    proc.terminate()
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _pump_lines(pipe: Any, lines: queue.Queue[bytes | None]) -> None:
    try:
        for line in iter(pipe.readline, b""):
            lines.put(line)
    except (OSError, ValueError):
        pass
    lines.put(None)


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # the judge runs a small reference per check: one thread leaves the cores to the sandbox
    env.setdefault("OMP_NUM_THREADS", "1")
    return env

"""kill -9 in the middle of a real terminal session loses no grade the screen moved past."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "decks"
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")


class Terminal:
    """A real pseudo-terminal running flashdeck, read as plain text."""

    def __init__(self, args: list[str], env: dict):
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.raw = b""

    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    def read_until(self, pattern: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.raw += os.read(self.master, 65536)
                except OSError:
                    break
            if re.search(pattern, self.text()):
                return
        raise AssertionError(f"{pattern!r} never appeared; screen text ends: {self.text()[-600:]!r}")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.master)


def test_kill_9_mid_session_keeps_every_grade_already_passed(tmp_path):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks")
    script = Path(sys.executable).with_name("flashdeck")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "flashdeck"]
    env = {**os.environ, "FLASHDECK_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "110", "LINES": "30"}
    env.pop("FLASHDECK_DB", None)
    term = Terminal([*command, "review", "--deck", "alpha"], env)
    try:
        term.read_until(r"0 done")
        for done, grade in ((1, "5"), (2, "4"), (3, "1")):
            term.send("\r")  # Enter reveals every kind; an empty formula box reveals too
            term.read_until(r"perfect")
            term.raw = b""
            term.send(grade)
            term.read_until(rf"{done} done")  # the screen has moved past this grade
        term.send("\r")  # reveal the 4th card, then die before grading it
        time.sleep(0.3)
    finally:
        term.kill()
    with sqlite3.connect(home / "flashdeck.sqlite3") as conn:
        grades = [q for (q,) in conn.execute("SELECT quality FROM review_log ORDER BY id")]
    assert grades == [5, 4, 1]

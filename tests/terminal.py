"""A real pseudo-terminal running flashdeck, for tests that need the real process."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")


def flashdeck_command() -> list[str]:
    script = Path(sys.executable).with_name("flashdeck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "flashdeck"]


def terminal_env(home: Path, db: str | None = None, **extra: str) -> dict:
    """db: the database URL (FLASHDECK_DB), None for the home's SQLite file."""
    from conftest import cli_env

    return cli_env(home, db, TERM="xterm-256color", COLUMNS="110", LINES="30", **extra)


class Terminal:
    """A real pseudo-terminal running flashdeck, read as plain text."""

    def __init__(self, args: list[str], env: dict):
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
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

    def wait(self, timeout: float = 30) -> int:
        """Read (so the app never blocks on output) until the process exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: the process is gone and its output drained
                    break
                if not chunk:
                    break
                self.raw += chunk
            elif self.proc.poll() is not None:
                break
        return self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_exc) -> None:
        """A failed assertion never leaves the app running."""
        if self.proc.poll() is None:
            self.kill()


def run_to_first_screen(args: list[str], home: Path, probe: Path) -> tuple[float, list[str], str]:
    """Run flashdeck until its first screen is drawn (the probe makes it exit then): when it was
    drawn, the modules imported by then, and the screen's text."""
    with Terminal(args, terminal_env(home, FLASHDECK_FIRST_CARD_PROBE=str(probe))) as term:
        assert term.wait() == 0
    drawn_at, *modules = probe.read_text().split()
    return float(drawn_at), modules, term.text()

"""Writing the .apkg file: a zip of the collection, put in place atomically, so the target is
either the old file or the whole new one. A failed write or a stop signal (SIGTERM, SIGHUP,
SIGINT) removes the temporary file at once; what an export killed outright (kill -9, a power
cut) left is removed by the next export to the same target.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
import time
import zipfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from flashdeck.export.anki_collection import AnkiDeck, AnkiNote, RevlogSource
# looked up here when the package is written: the cleanup test's stuck writer replaces it in this module
from flashdeck.export.anki_collection import collection_bytes as _collection_bytes

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, which guards a live one as well
    fcntl = None

__all__ = ["STALE_AFTER_S", "PackageError", "Stopped", "check_writable", "stop_signals", "write_package"]


class PackageError(Exception):
    """The package could not be written; str() is one line for the learner."""


class Stopped(KeyboardInterrupt):
    """SIGTERM, SIGHUP or SIGINT arrived inside `stop_signals()`. Raised where the signal
    landed, so `finally` blocks run and the temporary file goes; the target is as it was.
    A KeyboardInterrupt, so code that already handles Ctrl+C handles this too."""

    NAMES = {signal.SIGINT: "Ctrl+C", signal.SIGTERM: "SIGTERM"}

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = self.NAMES.get(signum) or signal.Signals(signum).name

    def __str__(self) -> str:
        return f"stopped by {self.name}"


# --------------------------------------------------------------------------- the package

def write_package(
    path: Path,
    decks: Sequence[AnkiDeck],
    notes: Iterable[AnkiNote],
    *,
    day_starts_at: int = 4,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    revlog_source: RevlogSource | None = None,
) -> tuple[int, int]:
    """Write an .apkg at `path`, atomically: a temporary file beside it, then os.replace.

    `progress(n)` is called as notes are written; `revlog_source`: see
    anki_collection.collection_bytes. Returns (notes written, revlog rows).
    Raises PackageError (one line) when the target cannot be written, Stopped when a stop
    signal arrives (main thread only); either way no temporary file stays and `path` is as it
    was. Leftovers of killed exports to `path` are deleted first."""
    path = Path(path)
    now = now or datetime.now(timezone.utc)
    # Fail before any work if the folder cannot take the file.
    with stop_signals(), _temp_beside(path) as temp:
        try:
            # closefd=False: the descriptor (and its lock) lives until the file is in place
            with open(temp.fd, "wb", closefd=False) as handle:
                blob, counts = _collection_bytes(decks, notes, day_starts_at, now, progress, revlog_source)
                with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                    zf.writestr("collection.anki2", blob)
                    zf.writestr("media", "{}")
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp.path, 0o666 & ~_umask())  # mkstemp makes it 0600; a package is an ordinary file
            with _deferred(then_raise=False):
                os.replace(temp.path, path)
                temp.placed = True
        except OSError as exc:
            raise PackageError(f"cannot write {path}: {exc.strerror or exc}") from None
    return counts


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_writable(path: Path) -> None:
    """Raise PackageError now if `path` cannot be written (write_package checks again)."""
    with stop_signals(), _temp_beside(Path(path)):
        pass


# --------------------------------------------------------------------------- stop signals

# SIGTERM and SIGHUP kill Python without running `finally` (a 0-byte temp file stayed behind);
# SIGINT does raise, but a second Ctrl+C could land in the cleanup itself.
_STOP_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGHUP", "SIGINT")) if s)


class _StopState:
    def __init__(self) -> None:
        self.previous: dict[int, object] = {}
        self.fired = False  # one Stopped per guard: a second signal would interrupt the cleanup
        self.deferring = 0  # inside _deferred(): the signal waits in `pending`
        self.pending: int | None = None


_stop_state: _StopState | None = None


def _on_stop(signum, _frame) -> None:
    state = _stop_state
    if state is None or state.fired:
        return
    state.fired = True
    if state.deferring:
        state.pending = signum
        return
    raise Stopped(signum)


def _is_default(signum: int, handler) -> bool:
    # Only the dispositions that would end the process are taken over: an ignored signal or a
    # handler someone installed stays theirs.
    if signum == getattr(signal, "SIGINT", None):
        return handler is signal.default_int_handler
    return handler == signal.SIG_DFL


@contextmanager
def stop_signals() -> Iterator[None]:
    """While inside, a stop signal (SIGTERM, SIGHUP, SIGINT) raises Stopped, so the cleanup in
    `finally` blocks runs. The previous handlers come back on the way out.

    Signal handlers belong to the main thread: elsewhere (the TUI's export worker) and inside
    an outer stop_signals() this does nothing more."""
    global _stop_state
    if _stop_state is not None or threading.current_thread() is not threading.main_thread():
        yield
        return
    state = _StopState()
    try:
        for signum in _STOP_SIGNALS:
            previous = signal.getsignal(signum)
            if _is_default(signum, previous):
                signal.signal(signum, _on_stop)
                state.previous[signum] = previous
    except ValueError:  # not the main interpreter
        pass
    _stop_state = state
    try:
        yield
    finally:
        _stop_state = None
        for signum, previous in state.previous.items():
            signal.signal(signum, previous)
        if state.pending is not None:
            # it came while the finished package was being put in place: now it does what it
            # would have done without the guard
            signal.raise_signal(state.pending)


@contextmanager
def _deferred(*, then_raise: bool) -> Iterator[None]:
    """A stop signal waits until the block is done: then it raises Stopped (`then_raise`) or,
    for a package already in place, is delivered when stop_signals() ends."""
    state = _stop_state if threading.current_thread() is threading.main_thread() else None
    if state is None:
        yield
        return
    state.deferring += 1
    try:
        yield
    finally:
        state.deferring -= 1
    if then_raise and state.pending is not None:
        signum, state.pending = state.pending, None
        raise Stopped(signum)


# --------------------------------------------------------------------------- temporary files

# `.<target>.<pid>-<mkstemp's 8 characters>.tmp`; before the pid was in the name, `.<target>.<8>.tmp`
_TEMP_MIDDLE = re.compile(r"(?:(\d+)-)?[a-z0-9_]{8}")
# A leftover whose writer's pid still runs (or whose name carries none) may belong to an export
# in progress; the lock says otherwise only for writers that take it (older ones did not, and
# some file systems refuse locks). Past this age, no export of a deck is still running.
STALE_AFTER_S = 3600
_live_temps: set[str] = set()  # this process's own: a thread can be between mkstemp and the lock
_live_lock = threading.Lock()


class _Temp:
    def __init__(self) -> None:
        self.fd: int | None = None
        self.path: Path | None = None
        self.placed = False  # renamed to the target: nothing left to delete


@contextmanager
def _temp_beside(path: Path) -> Iterator[_Temp]:
    """A new temporary file beside `path`, deleted on the way out unless it was `placed`."""
    if path.is_dir():
        raise PackageError(f"cannot write {path}: it is a folder")
    _remove_stale_temps(path)
    temp = _Temp()
    try:
        # no Stopped between mkstemp and `temp` knowing the name: that file would stay behind
        with _deferred(then_raise=True):
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp")
            temp.fd, temp.path = fd, Path(name)
            with _live_lock:
                _live_temps.add(name)
        if fcntl is not None:
            try:
                # held until the file is in place or deleted: the next export's cleanup sees a
                # live writer, whatever pid namespace or host it runs in
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                pass  # no locks here: the pid in the name and the age still protect it
        yield temp
    except FileNotFoundError:
        if temp.path is not None:
            raise
        raise PackageError(f"cannot write {path}: the folder {path.parent} does not exist") from None
    except OSError as exc:
        if temp.path is not None:
            raise
        raise PackageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if temp.path is not None:
            if not temp.placed:
                temp.path.unlink(missing_ok=True)  # before the lock goes: no cleanup races it
            try:
                os.close(temp.fd)
            except OSError:
                pass
            with _live_lock:
                _live_temps.discard(str(temp.path))


def _remove_stale_temps(path: Path) -> None:
    """Delete the temporary files an export to `path` left when it was killed (kill -9, a
    power cut): only names of this target's pattern, only when no live writer holds them."""
    prefix, suffix = f".{path.name}.", ".tmp"
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return  # the caller's mkstemp reports the folder
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        found = _TEMP_MIDDLE.fullmatch(name[len(prefix):-len(suffix)])
        if found is None:
            continue
        with _live_lock:
            if entry.path in _live_temps:
                continue
        try:
            _remove_if_stale(Path(entry.path), int(found.group(1)) if found.group(1) else None)
        except OSError:
            pass  # not ours to delete, or gone already: never a reason to fail the export


def _remove_if_stale(tmp: Path, pid: int | None) -> None:
    # O_NONBLOCK: a FIFO with that name must not hang the export
    fd = os.open(tmp, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # a live export is writing it
            except OSError:
                pass  # no locks on this file system: judge by pid and age alone
        old = time.time() - info.st_mtime > STALE_AFTER_S
        # our own pid, yet not in _live_temps: an earlier process had this pid (containers)
        if old or (pid is not None and (pid == os.getpid() or not _pid_running(pid))):
            tmp.unlink()
    finally:
        os.close(fd)


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or no way to tell: keep the file
    try:  # a killed writer its parent has not reaped yet still answers kill(0)
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True

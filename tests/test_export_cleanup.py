"""A stopped or killed export leaves no temporary file for good, and never harms the target.

The CLI runs as a real process whose package writer is made to hang once its temporary file
exists (see STUCK): the signal then always lands mid-export, however fast or loaded the
machine is, and the test waits for states, never for time."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from flashdeck.export import anki_package as anki_format
from flashdeck.services import export as export_service
from test_export_anki import _flashdeck, import_package, open_collection  # noqa: F401 (a fixture)

# The real `flashdeck` entry point; only the building of the collection never ends, after the
# temporary file is made and before anything is written to it (where the 0-byte file came from).
STUCK = """
import signal, sys, time
from pathlib import Path

# as in a terminal, even if the test runner started us with SIGINT ignored
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, signal.SIG_DFL)

import flashdeck.export.anki_package as anki

def stuck(*args, **kwargs):
    Path(sys.argv[1]).write_text("writing")
    while True:
        time.sleep(0.05)

anki._collection_bytes = stuck
from flashdeck.cli import main
main(sys.argv[2:], prog_name="flashdeck")
"""

DEADLINE_S = 120  # generous: the suite runs in parallel and under CPU hogs


def wait_for(predicate, what: str, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if process is not None and process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the export ended (exit {process.returncode}) before {what}: {err}")
        time.sleep(0.02)
    pytest.fail(f"timed out waiting for {what}")


def temps(folder: Path, target: str = "deck.apkg") -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(f".{target}.") and p.name.endswith(".tmp"))


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def start_stuck(home: Path, target: Path, ready: Path) -> subprocess.Popen:
    env = {**os.environ, "FLASHDECK_HOME": str(home)}
    env.pop("FLASHDECK_DB", None)
    process = subprocess.Popen([sys.executable, "-c", STUCK, str(ready), "export", "anki", str(target)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    wait_for(ready.exists, "the export to be writing its package", process)
    return process


def stop(process: subprocess.Popen, signum: int) -> tuple[int, str]:
    process.send_signal(signum)
    try:
        _out, err = process.communicate(timeout=DEADLINE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"the export did not end after signal {signum}")
    return process.returncode, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_export_says_one_line_and_leaves_the_old_package(home, tmp_path, out_dir, signum):
    target = out_dir / "deck.apkg"
    target.write_bytes(b"previous export")
    process = start_stuck(home, target, tmp_path / "ready")
    [temp] = temps(out_dir)
    assert re.fullmatch(rf"\.deck\.apkg\.{process.pid}-[a-z0-9_]{{8}}\.tmp", temp.name)

    code, err = stop(process, signum)
    assert code == 128 + signum
    assert "Traceback" not in err and err.count("\n") == 1, err
    name = "SIGTERM" if signum == signal.SIGTERM else "Ctrl+C"
    assert err == f"Error: export stopped by {name} before it finished; {target} was left as it was.\n"
    assert [p.name for p in out_dir.iterdir()] == ["deck.apkg"]
    assert target.read_bytes() == b"previous export"


def test_a_stopped_first_export_leaves_nothing(home, tmp_path, out_dir):
    process = start_stuck(home, out_dir / "deck.apkg", tmp_path / "ready")
    code, err = stop(process, signal.SIGTERM)
    assert code == 143 and "Traceback" not in err
    assert list(out_dir.iterdir()) == []


def test_after_kill_9_the_next_export_removes_the_leftover(home, tmp_path, out_dir, open_collection):
    target = out_dir / "deck.apkg"
    target.write_bytes(b"previous export")
    process = start_stuck(home, target, tmp_path / "ready")
    code, _err = stop(process, signal.SIGKILL)  # reaps it too: its pid is gone, not a zombie
    assert code == -signal.SIGKILL
    [leftover] = temps(out_dir)
    assert target.read_bytes() == b"previous export"

    result = _flashdeck("export", "anki", str(target), home=home)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out_dir.iterdir()] == ["deck.apkg"]
    col = open_collection()
    import_package(col, target)
    assert col.note_count() > 4  # the alpha deck and the bundled ones


def test_a_concurrent_export_keeps_the_live_ones_temporary_file(home, tmp_path, out_dir):
    target = out_dir / "deck.apkg"
    process = start_stuck(home, target, tmp_path / "ready")
    [live] = temps(out_dir)
    try:
        result = _flashdeck("export", "anki", str(target), home=home)
        assert result.returncode == 0, result.stderr
        assert live.exists()  # its writer runs and holds it
        written = target.read_bytes()
    finally:
        code, err = stop(process, signal.SIGTERM)
    assert code == 143 and "Traceback" not in err
    assert [p.name for p in out_dir.iterdir()] == ["deck.apkg"]
    assert target.read_bytes() == written  # the stopped one never touched the target


# --------------------------------------------------------------------------- which leftovers go


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _aged(path: Path, seconds: float) -> Path:
    moment = time.time() - seconds
    os.utime(path, (moment, moment))
    return path


def test_only_this_targets_dead_or_ancient_leftovers_are_removed(out_dir):
    target = out_dir / "deck.apkg"
    dead, alive = _dead_pid(), os.getppid()
    hour = anki_format.STALE_AFTER_S
    files = {
        "dead writer": out_dir / f".deck.apkg.{dead}-abcd1234.tmp",
        "live writer": out_dir / f".deck.apkg.{alive}-abcd1234.tmp",
        "live pid, ancient": out_dir / f".deck.apkg.{alive}-zyxw9876.tmp",
        "no pid (older flashdeck)": out_dir / ".deck.apkg.q1w2e3r4.tmp",
        "no pid, ancient": out_dir / ".deck.apkg.a1s2d3f4.tmp",
        "another target": out_dir / f".other.apkg.{dead}-abcd1234.tmp",
        "a longer target name": out_dir / f".deck.apkg.bak.{dead}-abcd1234.tmp",
        "not our pattern": out_dir / f".deck.apkg.{dead}-abcd1234.tmp.keep",
        "the target's neighbour": out_dir / "deck.apkg.tmp",
    }
    for path in files.values():
        path.write_bytes(b"")
    for name in ("live pid, ancient", "no pid, ancient"):
        _aged(files[name], hour + 60)

    anki_format.check_writable(target)

    gone = {what for what, path in files.items() if not path.exists()}
    assert gone == {"dead writer", "live pid, ancient", "no pid, ancient"}
    assert not target.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_locked_leftover_is_kept_even_if_its_pid_looks_dead(out_dir):
    import fcntl

    # another pid namespace (a container sharing the folder) shows a live writer's pid as dead;
    # the writer's lock still tells
    leftover = out_dir / f".deck.apkg.{_dead_pid()}-abcd1234.tmp"
    leftover.write_bytes(b"")
    with open(leftover, "rb+") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        anki_format.check_writable(out_dir / "deck.apkg")
        assert leftover.exists()
    anki_format.check_writable(out_dir / "deck.apkg")
    assert not leftover.exists()


# --------------------------------------------------------------------------- in this process


@pytest.fixture
def default_handlers():
    """Python's own SIGINT and SIGTERM handling for the test (an earlier test in this worker,
    Textual's for one, may have left another), put back afterwards. Signals are the main
    thread's: pytest runs tests there."""
    assert threading.current_thread() is threading.main_thread()
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


@pytest.fixture
def no_gc():
    """A signal raised in this process is handled at the next bytecode, which may be inside a
    gc callback (hypothesis installs one) where its exception is printed and lost: collect no
    garbage while the test signals itself."""
    import gc

    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


def test_sigterm_while_writing_raises_stopped_and_restores_the_handler(ctx, out_dir, no_gc, default_handlers):
    target = out_dir / "deck.apkg"
    target.write_bytes(b"previous export")

    def progress(done: int, total: int) -> None:
        # only while the writer's guard is in force: before it, SIGTERM would end this pytest worker
        if anki_format._stop_state is not None:
            signal.raise_signal(signal.SIGTERM)

    with pytest.raises(export_service.Stopped) as info:
        export_service.export_anki(ctx, target, progress=progress)
    assert info.value.signum == signal.SIGTERM and str(info.value) == "stopped by SIGTERM"
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert [p.name for p in out_dir.iterdir()] == ["deck.apkg"]
    assert target.read_bytes() == b"previous export"


def test_a_signal_while_the_package_is_put_in_place_comes_after_it(ctx, out_dir, monkeypatch, no_gc,
                                                                  default_handlers):
    target = out_dir / "deck.apkg"
    real = os.replace

    def replace_then_ctrl_c(src, dst):
        real(src, dst)
        if Path(dst) == target and anki_format._stop_state is not None:  # os is everyone's module
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(anki_format.os, "replace", replace_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt) as info:
        export_service.export_anki(ctx, target)
    assert not isinstance(info.value, export_service.Stopped)  # not "left as it was": it is written
    monkeypatch.undo()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert [p.name for p in out_dir.iterdir()] == ["deck.apkg"]
    assert target.read_bytes()[:2] == b"PK"


def test_in_a_worker_thread_no_handler_is_installed(ctx, out_dir):
    seen, errors = [], []
    before = signal.getsignal(signal.SIGTERM)

    def export():
        try:
            export_service.export_anki(ctx, out_dir / "deck.apkg",
                                       progress=lambda done, total: seen.append(signal.getsignal(signal.SIGTERM)))
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    worker = threading.Thread(target=export)
    worker.start()
    worker.join(DEADLINE_S)
    assert not errors and seen and all(h == before for h in seen)
    assert [p.name for p in out_dir.iterdir()] == ["deck.apkg"]

"""Hostile learner code: the judge contains what it runs (real processes, nothing mocked).

Each file below also defines a correct `softmax`, so only the hostile part decides. After every
check: it ended within its time limit + 2 s, nothing it started is alive (found by a unique
argument), nothing was written outside its folder, the learner's database passes
integrity_check, and no raw ESC reached the output.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import torch  # noqa: F401 - imported up front, so a check's duration is the sandbox's own

from flashdeck import paths
from flashdeck.drills import check_source, format_report, get_drill

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the hostile suite reads /proc")

REPO = Path(__file__).resolve().parent.parent
LIMIT = 5.0
SOFTMAX_OK = """\
import numpy as np

def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""


def alive_with(token: str) -> list[int]:
    """Processes (not zombies) whose command line holds `token`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if token.encode() not in (entry / "cmdline").read_bytes():
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            found.append(int(entry.name))
    return found


def kill_all(token: str) -> None:
    for pid in alive_with(token):
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass


@pytest.fixture
def token():
    t = f"fdhostile{secrets.token_hex(6)}"
    yield t
    kill_all(t)  # a failing test must not leave its processes to the next


@pytest.fixture
def learner_db(tmp_path):
    """A real flashdeck database with some rows, and its digest."""
    from flashdeck.services import decks
    from flashdeck.services.context import open_context

    home = tmp_path / "learner-home"
    ctx = open_context(home, bundled_drills=tmp_path / "no-drills")
    decks.sync(ctx)
    ctx.close()
    db = home / "flashdeck.sqlite3"
    return db, hashlib.sha256(db.read_bytes()).hexdigest()


def attack(body: str, *, correct: bool = True) -> str:
    """A learner file: the hostile `body` at import time (its errors swallowed), then a correct
    softmax unless `correct` is False."""
    hostile = "import os, sys, socket, subprocess, time\ntry:\n" + textwrap.indent(
        textwrap.dedent(body), "    ") + "\nexcept BaseException as _e:\n    print('attack failed:', repr(_e))\n"
    return hostile + ("\n" + SOFTMAX_OK if correct else "")


def judge(source: str, *, time_limit: float = LIMIT):
    started = time.monotonic()
    result = check_source("softmax", source, filename="mine.py", time_limit=time_limit)
    return result, time.monotonic() - started


def assert_contained(result, took: float, token: str, *, limit: float = LIMIT) -> None:
    assert took < limit + 2, f"the check took {took:.1f} s (limit {limit} s)"
    deadline = time.monotonic() + 1.0  # the kernel reaps a killed namespace promptly
    while alive_with(token) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert alive_with(token) == [], "a process the learner's code started outlived the check"
    text = format_report(result, verbose=True) + json.dumps(result.to_json_dict())
    assert "\x1b" not in text and "\x07" not in text


def _user_namespaces_allowed() -> bool:
    """Can this machine give a process a user namespace? (If so, the judge must use one.)"""
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "--user", "--map-root-user", "true"],
                          capture_output=True).returncode == 0


NAMESPACES = pytest.mark.skipif(not _user_namespaces_allowed(),
                                reason="user namespaces refused on this machine")


@NAMESPACES
def test_where_namespaces_are_allowed_the_judge_uses_them():
    result, _ = judge(SOFTMAX_OK)
    assert result.passed and result.isolation == "namespaces", result.isolation_why


# -- processes -----------------------------------------------------------------------------
def test_a_detached_process_does_not_outlive_the_check(token):
    result, took = judge(attack(f"""
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "{token}"],
                         start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        """))
    assert result.passed, format_report(result)
    assert_contained(result, took, token)


def test_a_daemon_double_fork_and_setsid_does_not_outlive_the_check(token):
    result, took = judge(attack(f"""
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(60)", "{token}"])
            os._exit(0)
        time.sleep(0.3)
        """))
    assert result.passed, format_report(result)
    assert_contained(result, took, token)


def test_a_process_holding_the_judges_pipes_does_not_hold_up_the_check(token):
    result, took = judge(attack(f"""
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "{token}"],
                         start_new_session=True)   # inherits stdout and stderr
        print("holding the pipes")
        """))
    assert result.passed, format_report(result)
    assert "holding the pipes" in result.stdout
    assert_contained(result, took, token)


def test_a_pipe_holder_with_a_loop_ends_within_the_limit(token):
    """Time runs out while a holder has the pipes: the check still ends at limit + 2 s."""
    result, took = judge(attack(f"""
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "{token}"],
                         start_new_session=True)
        while True:
            pass
        """), time_limit=2.0)
    assert not result.passed and "time limit exceeded" in (result.error or "")
    assert_contained(result, took, token, limit=2.0)


def test_a_bounded_fork_storm_is_gone_afterwards(token):
    result, took = judge(attack(f"""
        for _ in range(150):
            if os.fork() == 0:
                try:
                    os.execv("/bin/sh", ["sh", "-c", "sleep 60; :", "{token}"])
                finally:
                    os._exit(0)
        """))
    assert result.passed, format_report(result)
    assert_contained(result, took, token)


# -- files ---------------------------------------------------------------------------------
def test_writes_outside_its_folder_are_refused(token, tmp_path, learner_db):
    db, digest = learner_db
    targets = [Path("/tmp") / f"{token}.txt", Path.home() / f"{token}.txt", REPO / f"{token}.txt",
               tmp_path / f"{token}.txt", db.parent / f"{token}.txt"]
    result, took = judge(attack(f"""
        written = []
        for target in {[str(t) for t in targets]!r}:
            try:
                with open(target, "w") as f:
                    f.write("x")
                written.append(target)
            except OSError as e:
                pass
        try:  # overwrite a few pages of the learner's database
            with open({str(db)!r}, "r+b") as f:
                f.seek(4096); f.write(b"\\xde\\xad" * 4096)
            written.append("db")
        except OSError:
            pass
        with open("inside.txt", "w") as f:  # its own folder stays writable
            f.write("ok")
        print("written", written, "inside", os.path.exists("inside.txt"))
        """))
    try:
        assert result.passed, format_report(result)
        assert_contained(result, took, token)
        if _user_namespaces_allowed():
            assert result.isolation == "namespaces"
            assert "written [] inside True" in result.stdout, result.stdout
            assert [t for t in targets if t.exists()] == []
            assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        for t in targets:
            t.unlink(missing_ok=True)


@NAMESPACES
def test_the_drills_solution_cannot_be_read_from_inside(token):
    drill = get_drill("softmax")
    candidates = {str(drill.solution_path), str(drill.reference_path),
                  str(REPO / "coding_drills" / "softmax" / "solution.py"),
                  str(paths.bundled_drills_dir() / "softmax" / "solution.py")}
    result, took = judge(attack(f"""
        import glob
        found = [p for p in {sorted(candidates)!r} if os.path.exists(p)]
        for entry in sys.path:  # next to an installed package, or a checkout
            found += glob.glob(os.path.join(entry, "flashdeck", "_bundled", "coding_drills", "softmax", "*.py"))
            found += glob.glob(os.path.join(entry, "..", "coding_drills", "softmax", "*.py"))
        print("found", found)
        for path in found:
            exec(open(path).read(), globals())
        """, correct=False))
    assert not result.passed, "the learner's file passed through the drill's own solution"
    assert "found []" in result.stdout
    assert_contained(result, took, token)


# -- network -------------------------------------------------------------------------------
@NAMESPACES
def test_no_connection_reaches_a_listener_on_loopback(token):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(0)
        port = server.getsockname()[1]
        result, took = judge(attack(f"""
            s = socket.create_connection(("127.0.0.1", {port}), timeout=1)
            s.sendall(b"{token}")
            print("connected")
            """))
        assert result.passed, format_report(result)
        assert "connected" not in result.stdout and "attack failed" in result.stdout
        with pytest.raises(BlockingIOError):
            server.accept()
    assert_contained(result, took, token)


# -- output --------------------------------------------------------------------------------
def test_terminal_control_codes_are_shown_not_sent(tmp_path):
    mine = tmp_path / "mine.py"
    mine.write_text(SOFTMAX_OK + textwrap.dedent("""\
        print("\\x1b]0;owned title\\x07\\x1b]52;c;b3duZWQ=\\x07\\x1b[2J\\rhidden")
        import sys; sys.stderr.write("\\x9b31m red\\n")
        raise_it = False
        """) + "\ndef _unused():\n    pass\n")
    bad = tmp_path / "bad.py"
    bad.write_text('def softmax(x, axis=-1):\n    raise ValueError("\\x1b]0;title\\x07")\n')
    for args in (["-v", str(mine)], ["--json", str(mine)], [str(bad)], ["--json", str(bad)]):
        out = subprocess.run([sys.executable, "-m", "flashdeck.drills", "check", "softmax", *args],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode in (0, 1), out.stderr
        assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "\x9b" not in out.stdout
        assert "\\u001b" not in out.stdout  # not even as a JSON escape the terminal never sees
        assert r"\x1b]0;" in out.stdout, out.stdout


# -- the old hazards, with the same post-conditions -----------------------------------------
@pytest.mark.parametrize("body,expect", [
    ("def softmax(x, axis=-1):\n    while True:\n        pass\n", "time limit exceeded"),
    ("def softmax(x, axis=-1):\n    b = bytearray(8 * 1024**3)\n    return b\n", "memory"),
    ("import os\ndef softmax(x, axis=-1):\n    os._exit(3)\n", "os._exit(3)"),
    ("import torch\n", "not available"),
    ("def softmax(x, axis=-1):\n    while True:\n        print('flood' * 1000)\n", "time limit exceeded"),
], ids=["loop", "memory", "exit", "torch", "flood"])
def test_old_hazards_end_in_a_message_and_leave_nothing(body, expect, token):
    result, took = judge(f"# {token}\n" + body, time_limit=2.0)
    assert not result.passed
    assert expect in format_report(result), format_report(result)
    assert_contained(result, took, token, limit=2.0)


def test_nothing_is_left_in_the_temporary_folder(tmp_path, token):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    src = tmp_path / "mine.py"
    src.write_text(attack(f"""
        open("left.txt", "w").write("x")
        subprocess.Popen(["/bin/sh", "-c", "sleep 60; :", "{token}"], start_new_session=True)
        """))
    out = subprocess.run([sys.executable, "-m", "flashdeck.drills", "check", "softmax", str(src),
                          "--json"], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert list(scratch.iterdir()) == []
    assert alive_with(token) == []


# -- bad values ----------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "301", "-inf"])
def test_time_limit_must_be_finite_and_in_range(value, tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    src = tmp_path / "mine.py"
    src.write_text(SOFTMAX_OK)
    out = subprocess.run([sys.executable, "-m", "flashdeck.drills", "check", "softmax", str(src),
                          f"--time-limit={value}"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "TMPDIR": str(scratch)})
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "(0, 300]" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert list(scratch.iterdir()) == []


# -- the fallback: namespaces refused for real -----------------------------------------------
needs_unshare = pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")


@needs_unshare
def test_without_namespaces_it_falls_back_to_the_process_group_and_says_so(tmp_path, token):
    """An outer user namespace with user.max_user_namespaces = 0: the runner's own unshare(2)
    is refused as on a locked-down system; the check still runs and still kills its group."""
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no user namespace to refuse from")
    src = tmp_path / "mine.py"
    src.write_text(attack(f"""
        for _ in range(3):
            subprocess.Popen(["/bin/sh", "-c", "sleep 60; :", "{token}"])  # same process group
        """))
    out = subprocess.run(
        ["unshare", "--user", "--map-root-user", "sh", "-c",
         'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"', "sh",
         sys.executable, "-m", "flashdeck.drills", "check", "softmax", str(src), "--json",
         "--time-limit", str(LIMIT)],
        capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    result = json.loads(out.stdout)
    assert result["passed"] and result["isolation"] == "process-group"
    assert "max_user_namespaces is 0" in result["isolation_why"]
    assert "drill doctor" in out.stderr and out.stderr.count("\n") == 1  # said once
    # (its duration includes a cold torch import; the deadline is proven by the tests above)
    deadline = time.monotonic() + 1.0
    while alive_with(token) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert alive_with(token) == []


# -- the doctor ----------------------------------------------------------------------------
def _doctor(*wrap: str, env=None):
    return subprocess.run([*wrap, sys.executable, "-m", "flashdeck.drills", "doctor"],
                          capture_output=True, text=True, timeout=120, env=env)


@NAMESPACES
def test_doctor_reports_every_protection_active(token):
    out = _doctor()
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("isolation: namespaces")
    for name in ("processes", "pid namespace", "files", "solutions", "network"):
        assert f"✓ {name}:" in out.stdout
    assert "✗" not in out.stdout


@needs_unshare
@NAMESPACES
def test_doctor_explains_a_refusal_and_what_is_missing():
    out = _doctor("unshare", "--user", "--map-root-user", "sh", "-c",
                  'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"', "sh")
    assert out.returncode == 1, out.stdout + out.stderr
    assert out.stdout.startswith("isolation: process-group")
    assert "✗ network" in out.stdout and "✗ solutions" in out.stdout
    assert "user.max_user_namespaces is 0" in out.stdout and "sysctl" in out.stdout
    assert "Traceback" not in out.stderr
    assert alive_with("fddoctor") == []


def test_check_json_says_how_it_was_contained(tmp_path):
    src = tmp_path / "mine.py"
    src.write_text(SOFTMAX_OK)
    out = subprocess.run([sys.executable, "-m", "flashdeck.drills", "check", "softmax", str(src),
                          "--json"], capture_output=True, text=True, timeout=120)
    result = json.loads(out.stdout)
    assert result["passed"]
    expected = "namespaces" if _user_namespaces_allowed() else "process-group"
    assert result["isolation"] == expected
    assert (result["isolation_why"] is None) == (expected == "namespaces")


@NAMESPACES
@needs_unshare
def test_a_nested_namespace_gives_no_way_back_out(token):
    """With its privileges dropped, learner code that makes a namespace of its own still cannot
    unmount what hides the drills nor remount the system writable."""
    hidden = sorted({str(get_drill("softmax").solution_path.parent.parent.parent)})
    script = "; ".join([*(f"umount {h}" for h in hidden), "mount -o remount,rw,bind /usr",
                        f"touch /usr/{token}", "ls " + " ".join(hidden)])
    result, took = judge(attack(f"""
        r = subprocess.run(["unshare", "-Urm", "sh", "-c", {script!r}], capture_output=True, text=True)
        print("OUT", r.stdout)
        """))
    assert result.passed, format_report(result)
    assert not Path(f"/usr/{token}").exists()
    assert "softmax" not in result.stdout.split("OUT", 1)[-1]
    assert_contained(result, took, token)

"""The warm judge's pre-started sandbox processes (SparePool): same limits, fresh per run.

Real processes, real torch references. Each check here goes to a spare that was started ahead of
time and had finished importing NumPy, and the tests make sure it did.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from flashdeck.drills import format_report, get_drill
from flashdeck.drills import judge as judge_mod
from flashdeck.drills.sandbox_limits import Limits
from flashdeck.drills.sandbox_process import SandboxProcess, SparePool

SOFTMAX = get_drill("softmax")
SOFTMAX_OK = """\
import numpy as np

def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""


@pytest.fixture
def pool():
    p = SparePool()
    yield p
    p.close()


def _family(pid: int) -> list[int]:
    """pid and its descendants: a contained spare is a keeper with the runner as its child."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            pass
    return found


def _numpy_loaded(pid: int) -> bool:
    for p in _family(pid):
        try:
            if "_multiarray_umath" in Path(f"/proc/{p}/maps").read_text():
                return True
        except OSError:
            pass
    return False


def ready_spare(pool: SparePool, limits: Limits) -> SandboxProcess:
    """Fill the pool and wait until its spare has NumPy loaded and sits waiting for a job."""
    pool.refill(limits, wait=True)
    spare = pool._spares[0]
    deadline = time.monotonic() + 30
    if Path("/proc/self/maps").exists():
        while not _numpy_loaded(spare.proc.pid):
            assert time.monotonic() < deadline, "the spare never finished importing NumPy"
            time.sleep(0.02)
        time.sleep(0.05)  # past the import, into the read on stdin
    else:  # pragma: no cover - not Linux
        time.sleep(1.5)
    assert spare.alive and not spare.used
    return spare


def check(pool: SparePool, source: str, drill_id: str = "softmax", **limit_kw):
    """Judge `source` through a spare that was ready beforehand, and assert it was used."""
    limits = Limits(**limit_kw)
    spare = ready_spare(pool, limits)
    result = judge_mod.check_source(get_drill(drill_id), textwrap.dedent(source),
                                    filename="mine.py", limits=limits, pool=pool)
    assert spare.used, "the check did not go to the spare process"
    assert not spare.alive, "the spare must not outlive its run"
    return result


def test_solution_passes_through_a_spare(pool):
    r = check(pool, SOFTMAX_OK)
    assert r.passed, format_report(r)


def test_infinite_loop_hits_the_time_limit(pool):
    start = time.monotonic()
    r = check(pool, """\
        def softmax(x, axis=-1):
            n = 0
            while True:
                n += 1
        """, time_limit=1.5)
    elapsed = time.monotonic() - start
    assert 1.4 < elapsed < 8
    assert not r.passed and r.error == "time limit exceeded (1.5 s)"
    assert r.cases[0].message == "time limit exceeded (1.5 s)"
    assert any(line.strip() in ("n += 1", "while True:") for line in r.error_details)


def test_time_limit_counts_from_the_hand_over_not_from_the_spare_start(pool):
    """A spare that waited longer than the time limit still gives the learner the full time."""
    limits = Limits(time_limit=1.0)
    spare = ready_spare(pool, limits)
    time.sleep(1.2)
    r = judge_mod.check_source(SOFTMAX, SOFTMAX_OK, limits=limits, pool=pool)
    assert spare.used and r.passed, format_report(r)


def test_memory_bomb_is_stopped(pool):
    r = check(pool, """\
        import numpy as np
        calls = []
        def softmax(x, axis=-1):
            calls.append(1)
            hoard = []
            while len(calls) == 1:
                hoard.append(np.ones(10**7))
            return x
        """, memory_mb=512)
    assert not r.passed
    assert r.cases[0].message.startswith("memory limit exceeded (512 MiB): MemoryError")


def test_default_memory_limit_holds_in_a_spare(pool):
    r = check(pool, """\
        import numpy as np
        def softmax(x, axis=-1):
            return np.empty(3 * 2**30 // 8) if x.size else x
        """)
    assert r.cases[0].message.startswith("memory limit exceeded (2048 MiB)")


def test_output_flood_is_capped(pool):
    r = check(pool, SOFTMAX_OK.replace(
        "    e = np.exp", "    print('x' * 100_000)\n    os.write(1, b'y' * 1_000_000)\n    e = np.exp"
    ).replace("import numpy as np", "import os\nimport numpy as np"))
    assert r.passed, format_report(r)
    assert len(r.stdout) < 80 * 1024
    assert r.stdout.rstrip().endswith("[output truncated at 64 KiB]")


def test_endless_output_flood_does_not_hang(pool):
    start = time.monotonic()
    r = check(pool, "def softmax(x, axis=-1):\n    while True:\n        print('spam' * 100)\n",
              time_limit=1.5)
    assert time.monotonic() - start < 8
    assert r.error == "time limit exceeded (1.5 s)"
    assert len(r.stdout) < 80 * 1024


@pytest.mark.parametrize(("call", "shown"), [("sys.exit(3)", "sys.exit(3)"),
                                             ("os._exit(4)", "os._exit(4)")])
def test_exiting_is_reported(pool, call, shown):
    r = check(pool, f"import os, sys\ndef softmax(x, axis=-1):\n    {call}\n")
    assert not r.passed and r.error is None
    assert r.cases[0].message.startswith(f"your code called {shown} — return the result")


def test_exit_at_import_time_is_reported(pool):
    r = check(pool, "import sys\nsys.exit(5)\ndef softmax(x, axis=-1):\n    return x\n")
    assert not r.passed and r.error.startswith("your code called sys.exit(5)")


@pytest.mark.parametrize("stmt", ["import torch", "from torch.nn import functional as F",
                                  "import importlib; importlib.import_module('jax')"])
def test_frameworks_are_refused(pool, stmt):
    r = check(pool, f"{stmt}\ndef softmax(x, axis=-1):\n    return x\n")
    assert not r.passed and "is not available in NumPy drills — implement it with numpy" in r.error


def test_torch_inside_the_function_is_refused(pool):
    r = check(pool, "def softmax(x, axis=-1):\n    import torch\n    return x\n")
    assert r.cases[0].message.startswith(
        "ImportError: torch is not available in NumPy drills — implement it with numpy")


def test_two_checks_share_no_state(pool):
    """The first run leaves marks everywhere it can; the second run finds none of them."""
    first = check(pool, """\
        import builtins, os, sys
        import numpy as np
        def softmax(x, axis=-1):
            builtins.FLASHDECK_MARK = 1
            np.FLASHDECK_MARK = 1
            os.environ["FLASHDECK_MARK"] = "1"
            sys.modules["flashdeck_mark"] = sys
            with open("mark.txt", "w") as f:
                f.write("left behind")
            e = np.exp(x - x.max(axis=axis, keepdims=True))
            return e / e.sum(axis=axis, keepdims=True)
        print("pid", os.getpid(), "cwd", os.getcwd())
        """)
    assert first.passed, format_report(first)
    second = check(pool, """\
        import builtins, os, sys
        import numpy as np
        def softmax(x, axis=-1):
            assert not hasattr(builtins, "FLASHDECK_MARK"), "builtins leaked"
            assert not hasattr(np, "FLASHDECK_MARK"), "numpy module state leaked"
            assert "FLASHDECK_MARK" not in os.environ, "environment leaked"
            assert "flashdeck_mark" not in sys.modules, "sys.modules leaked"
            assert not os.path.exists("mark.txt"), "files leaked"
            e = np.exp(x - x.max(axis=axis, keepdims=True))
            return e / e.sum(axis=axis, keepdims=True)
        print("pid", os.getpid(), "cwd", os.getcwd())
        """)
    assert second.passed, format_report(second)
    assert first.stdout.split() != second.stdout.split(), "same process or directory reused"
    (_, pid1, _, cwd1), (_, pid2, _, cwd2) = first.stdout.split(), second.stdout.split()
    assert cwd1 != cwd2
    if first.isolation == second.isolation == "namespaces":
        assert pid1 == pid2 == "1"  # each is the init of a PID namespace of its own
    else:
        assert pid1 != pid2


def test_learner_stdin_is_empty(pool):
    r = check(pool, """\
        import sys
        def softmax(x, axis=-1):
            data = sys.stdin.read()
            assert data == "", repr(data[:80])
            raise ValueError("stdin ok")
        """)
    assert all(c.message.startswith("ValueError: stdin ok") for c in r.cases), format_report(r)


def test_a_spare_killed_while_waiting_is_replaced(pool):
    limits = Limits()
    spare = ready_spare(pool, limits)
    os.killpg(spare.proc.pid, 9)
    spare.proc.wait()
    r = judge_mod.check_source(SOFTMAX, SOFTMAX_OK, limits=limits, pool=pool)
    assert r.passed, format_report(r)


def test_a_spare_with_other_limits_is_not_used(pool):
    spare = ready_spare(pool, Limits(time_limit=5.0))
    r = judge_mod.check_source(SOFTMAX, SOFTMAX_OK, limits=Limits(time_limit=3.0), pool=pool)
    assert r.passed and not spare.used and not spare.alive


def test_close_ends_the_spares_and_removes_their_directories():
    pool = SparePool()
    spare = ready_spare(pool, Limits())
    jobdir = spare.jobdir
    pool.close()
    assert not spare.alive and not jobdir.exists()
    pool.refill(Limits(), wait=True)  # a closed pool starts nothing
    assert pool._spares == []


def test_an_orphaned_spare_leaves_on_its_own(tmp_path):
    """If the judge dies without closing the pool, the spare sees EOF and tidies up."""
    script = tmp_path / "orphan.py"
    script.write_text(textwrap.dedent("""\
        import json, os, time
        from flashdeck.drills.sandbox_limits import Limits
        from flashdeck.drills.sandbox_process import SparePool
        pool = SparePool()
        pool.refill(Limits(), wait=True)
        spare = pool._spares[0]
        print(json.dumps({"pid": spare.proc.pid, "jobdir": str(spare.jobdir)}), flush=True)
        time.sleep(2)  # the spare finishes importing NumPy
        os._exit(0)    # no close(): the pipe to the spare just closes
        """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=60)
    info = json.loads(out.stdout)
    deadline = time.monotonic() + 10
    while (os.path.exists(f"/proc/{info['pid']}") and _state(info["pid"]) != "Z") \
            or Path(info["jobdir"]).exists():
        assert time.monotonic() < deadline, "the orphaned spare is still there"
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_warm_judge_hands_checks_to_a_pre_started_process(tmp_path, monkeypatch):
    """End to end through WarmJudge: the learner's process was up before the check began,
    and the judge leaves no sandbox process or directory behind when it closes."""
    from flashdeck.drills import WarmJudge

    age_src = """\
import os
import numpy as np

def _age():
    ticks = os.sysconf("SC_CLK_TCK")
    start = int(open("/proc/self/stat").read().rsplit(")", 1)[1].split()[19]) / ticks
    return float(open("/proc/uptime").read().split()[0]) - start

AGE = _age()

def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

print("age", AGE)
"""
    # a private temp dir: other test workers create sandbox dirs in the shared one meanwhile
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    before = {p.name for p in scratch.glob("flashdeck-sandbox-*")}
    with WarmJudge(time_limit=5) as warm:
        assert warm.check("softmax", SOFTMAX_OK).passed
        time.sleep(1.5)  # a learner reading the results; the next spare gets ready
        assert list(scratch.glob("flashdeck-sandbox-*")), "the spare's job dir should be in TMPDIR"
        r = warm.check("softmax", age_src)
        assert r.passed, format_report(r)
        age = float(r.stdout.split()[1])
        assert age > 0.7, f"the learner's process started only {age:.2f} s before its code ran"
        server = warm._proc.pid
    time.sleep(0.2)
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server)], capture_output=True,
                              text=True).stdout.split()
    assert children == []
    after = {p.name for p in scratch.glob("flashdeck-sandbox-*")}
    assert after - before == set()

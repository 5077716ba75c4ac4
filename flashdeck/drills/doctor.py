"""`flashdeck drill doctor`: which of the judge's protections hold on this machine, and why not.

It runs a probe through the real sandbox (no torch needed) that tries what a buggy or hostile
drill file might: start a process that outlives it, write to /tmp and to the learner's data
directory, read the drills' solutions, reach a listener on 127.0.0.1. Each attempt's outcome
is one line of the report.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from flashdeck import paths
from flashdeck.drills.case import Case
from flashdeck.drills.sandbox import SandboxRun
from flashdeck.drills.sandbox_limits import Limits

_PROBE = '''\
import json, os, socket, subprocess, sys

def _try(fn):
    try:
        return fn()
    except Exception as e:
        return "refused: " + type(e).__name__

def _write(path):
    with open(path, "w") as f:
        f.write("probe")
    os.unlink(path)
    return "written"

def _connect(port):
    socket.create_connection(("127.0.0.1", port), timeout=1).close()
    return "connected"

def _spawn(token):
    subprocess.Popen(["/bin/sh", "-c", "sleep 30; :", token], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return "started"

def probe(x, plan):
    plan = json.loads(plan)
    report = {
        "pid": os.getpid(),
        "tmp": _try(lambda: _write(plan["tmp"])),
        "home": _try(lambda: _write(plan["home"])),
        "solutions": [p for p in plan["solutions"] if os.path.exists(p)],
        "network": _try(lambda: _connect(plan["port"])),
        "spawn": _try(lambda: _spawn(plan["token"])),
    }
    print("PROBE " + json.dumps(report))
    return x
'''


@dataclass
class Protection:
    name: str
    active: bool
    detail: str


def _outlived(token: str) -> bool:
    """Did a process of the probe's (found by `token`) outlive it? It is killed if so."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for entry in proc.iterdir():
        try:
            if entry.name.isdigit() and token.encode() in (entry / "cmdline").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    os.kill(int(entry.name), 9)  # the probe's own sleeper: tidy it
                    return True
        except (OSError, IndexError, ValueError):
            pass
    return False


def diagnose() -> tuple[str, str | None, list[Protection]]:
    """(isolation mode, why not namespaces, the protections one by one)."""
    token = f"fddoctor{secrets.token_hex(6)}"
    home = paths.home_dir()
    drills = paths.bundled_drills_dir()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0)
        plan = {
            "tmp": f"/tmp/{token}",
            "home": str(home / token) if home.is_dir() else str(Path.home() / token),
            "solutions": [str(p) for p in sorted(drills.glob("*/solution.py"))[:3]],
            "port": listener.getsockname()[1],
            "token": token,
        }
        case = Case("probe", {"x": np.zeros(1), "plan": json.dumps(plan)})
        run = SandboxRun(_PROBE, "probe", [case], filename="probe.py",
                         limits=Limits(time_limit=10.0)).wait()
        try:
            conn, _ = listener.accept()
            conn.close()
            reached = True
        except (BlockingIOError, OSError):
            reached = False
    # No wait needed: the run returns once its keeper is reaped, and a PID namespace's init
    # is reaped only after every process in it; a killed group is gone as the kill returns.
    survived = _outlived(token)
    for leftover in (plan["tmp"], plan["home"]):
        try:
            os.unlink(leftover)
        except OSError:
            pass
    line = next((ln for ln in run.stdout.splitlines() if ln.startswith("PROBE ")), None)
    if line is None:
        problem = run.fatal or (run.load_error or {}).get("message") or "no report"
        return run.isolation, run.isolation_why, [
            Protection("the probe", False, f"did not run: {problem}")]
    got = json.loads(line[len("PROBE "):])
    wrote_tmp = got["tmp"] == "written"
    wrote_home = got["home"] == "written"
    items = [
        Protection("processes", not survived,
                   "a process started with setsid outlived the probe" if survived
                   else "every process the code starts ends with the check"),
        Protection("pid namespace", got["pid"] == 1,
                   "the code sees only its own processes" if got["pid"] == 1
                   else "the code sees and can signal your other processes"),
        Protection("files", not wrote_tmp and not wrote_home,
                   "only its own temporary folder is writable; your home and database are not"
                   if not (wrote_tmp or wrote_home) else
                   "it can write " + " and ".join(
                       n for n, w in (("/tmp", wrote_tmp), ("your flashdeck data", wrote_home)) if w)),
        Protection("solutions", not got["solutions"],
                   "the drills' solutions and references are not visible" if not got["solutions"]
                   else "it can read the drills' solutions"),
        Protection("network", not reached and got["network"] != "connected",
                   "no network at all, not even 127.0.0.1" if not reached
                   else "it reached a listener on 127.0.0.1"),
        Protection("limits", True, "time, memory, output and file-size limits; torch refused"),
        Protection("output", True, "control characters in its output are shown escaped"),
    ]
    return run.isolation, run.isolation_why, items


def report() -> tuple[str, bool]:
    """The doctor's text, and whether the judge is fully contained."""
    mode, why, items = diagnose()
    lines = [f"isolation: {mode}"]
    for item in items:
        lines.append(f"  {'✓' if item.active else '✗'} {item.name}: {item.detail}")
    full = mode == "namespaces" and all(i.active for i in items)
    if mode != "namespaces":
        lines.append("")
        lines.append(f"Why not namespaces: {why or 'unknown'}.")
        if sys.platform != "linux":
            lines.append("On this system the judge uses a process group: your checks still "
                         "run and are limited in time and memory, but the code can reach your "
                         "files and network.")
        elif why and "AppArmor" in why:
            lines.append("Ubuntu restricts user namespaces for unconfined programs. To allow "
                         "them: sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0 "
                         "(or an AppArmor profile for python that grants userns).")
        elif why and "max_user_namespaces" in why:
            lines.append("Allow them with: sudo sysctl user.max_user_namespaces=15000")
        elif why and "FLASHDECK_SANDBOX" in why:
            lines.append("Unset FLASHDECK_SANDBOX to use namespaces again.")
        lines.append("Checks never fail because of this; they are only less contained.")
    return "\n".join(lines), full

"""What the sandbox child is started with: the runner script, its environment, the modules it
refuses, the rlimits it sets on itself and the containment plan it mounts (see _runner.py and
_contain.py, which run in the child)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from flashdeck import paths
from flashdeck.drills.sandbox_limits import Limits

RUNNER = Path(__file__).with_name("_runner.py")
BLOCKED = ("torch", "tensorflow", "jax", "jaxlib", "keras")
_RESERVED = {"inputs.npz", "events.jsonl", "fault.txt"}


def safe_filename(filename: str) -> str:
    name = os.path.basename(filename or "") or "attempt.py"
    if not name.endswith(".py") or name in _RESERVED or name.startswith("out_"):
        name = "attempt.py"
    return name


def child_env(jobdir: Path) -> dict[str, str]:
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


def runner_setup(limits: Limits, base: Path, jobdir: Path) -> dict[str, Any]:
    """The runner's second argument: what to contain, what to refuse, which rlimits to set."""
    return {
        "contain": contain_plan(base, jobdir),
        "blocked": list(BLOCKED),
        "limits": {
            "memory_bytes": limits.memory_mb * 1024 * 1024,
            "cpu_seconds": limits.cpu_seconds,
            "file_bytes": limits.file_mb * 1024 * 1024,
            "output_chars": limits.output_cap,
        },
    }

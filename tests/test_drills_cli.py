"""`flashdeck drill ...` run as a subprocess, the way a learner types it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from flashdeck.drills import get_drill


def drill_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flashdeck.drills.cli", *args],
                          capture_output=True, text=True, timeout=timeout)


def test_list_and_show():
    out = drill_cli("list")
    assert out.returncode == 0
    assert out.stdout.splitlines()[0].split()[0] == "softmax"
    assert "attention" in out.stdout and "[transformer.attention]" in out.stdout
    out = drill_cli("show", "softmax", "--hints", "1")
    assert out.returncode == 0
    assert "# Numerically stable softmax" in out.stdout
    assert "Signature: softmax(x, axis=-1)" in out.stdout and "Hint 1/" in out.stdout
    out = drill_cli("show", "softmax", "--starter")
    assert out.stdout == get_drill("softmax").starter()
    out = drill_cli("show", "nope")
    assert out.returncode == 2 and "unknown drill 'nope'" in out.stderr


def test_check_pass_and_fail_exit_codes_and_human_output():
    d = get_drill("layer_norm")
    out = drill_cli("check", "layer_norm", str(d.solution_path))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "✓ single_token  seed=0  x(1, 1, 8) gamma(8,) beta(8,) eps=1e-05" in out.stdout
    assert "cases passed" in out.stdout
    wrong = d.folder / "wrong" / "unbiased_variance.py"
    out = drill_cli("check", "layer_norm", str(wrong), "--seed", "99")
    assert out.returncode == 1
    assert "✗ odd_3x5x7_seed1" in out.stdout and "max abs error" in out.stdout
    assert f"reproduce: flashdeck drill check layer_norm {wrong} --seed 99" in out.stdout


def test_check_json(tmp_path: Path):
    attempt = tmp_path / "attempt.py"
    attempt.write_text(get_drill("softmax").starter())
    out = drill_cli("check", "softmax", str(attempt), "--json", "--seed", "7")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["passed"] is False and data["seed"] == 7 and data["drill_id"] == "softmax"
    assert data["cases"] and all(not c["passed"] for c in data["cases"])
    assert data["cases"][0]["message"].startswith("NotImplementedError")
    assert {"name", "seed", "inputs", "message", "details"} <= set(data["cases"][0])
    out = drill_cli("check", "softmax", str(get_drill("softmax").solution_path), "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["passed"] is True


def test_check_usage_errors_exit_2(tmp_path: Path):
    out = drill_cli("check", "no_such_drill", "x.py")
    assert out.returncode == 2 and "unknown drill 'no_such_drill'" in out.stderr
    out = drill_cli("check", "softmax", str(tmp_path / "missing.py"), "--json")
    assert out.returncode == 2 and "cannot read" in out.stderr
    assert json.loads(out.stdout) == {"passed": False, "error": out.stderr.strip()[7:],
                                      "cases": []}
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00bad")
    out = drill_cli("check", "softmax", str(binary))
    assert out.returncode == 2 and "cannot read" in out.stderr
    out = drill_cli("check", "softmax", str(tmp_path))  # a directory
    assert out.returncode == 2


def test_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "flashdeck.drills", "--help"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "check" in out.stdout and "flashdeck drill" in out.stdout


def test_missing_torch_is_a_clear_usage_error():
    blocked = ("import sys; sys.modules['torch'] = None; sys.argv[0] = 'flashdeck drill'; "
               "from flashdeck.drills.cli import main; main()")
    path = str(get_drill("softmax").solution_path)
    out = subprocess.run([sys.executable, "-c", blocked, "check", "softmax", path],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "checking drills needs PyTorch" in out.stderr and "Traceback" not in out.stderr

"""Every drill folder is complete, its meta.yaml valid, its cases well-formed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from flashdeck.drills.catalog import (
    DrillError,
    DrillNotFound,
    folder_problems,
    get_drill,
    list_drills,
    load_drill,
)
from flashdeck.domain.topics import TOPICS
from flashdeck.paths import bundled_drills_dir

SYLLABUS_TOPICS = set(TOPICS)  # kept in step with SYLLABUS.md by test_syllabus
FIRST_DRILLS = ["softmax", "log_softmax", "softmax_backward", "cross_entropy", "attention",
                "layer_norm"]
FOLDERS = sorted(p for p in bundled_drills_dir().iterdir() if p.is_dir())
DRILLS = list_drills()


def test_the_first_drills_exist_in_learning_order():
    ids = [d.id for d in DRILLS]
    assert ids[: len(FIRST_DRILLS)] == FIRST_DRILLS


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_folder_is_complete(folder: Path):
    assert folder_problems(folder) == []


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_meta_and_texts(drill):
    assert set(drill.topics) <= SYLLABUS_TOPICS
    assert drill.signature.startswith(drill.function + "(")
    assert f"def {drill.signature}:" in drill.starter(), "starter must carry the exact signature"
    assert f"def {drill.signature}:" in drill.solution_path.read_text()
    assert "raise NotImplementedError" in drill.starter()
    assert len(drill.prompt()) > 400 and "interviewers probe" in drill.prompt()
    assert len(drill.hints()) >= 2
    for path in [drill.solution_path, drill.starter_path, *drill.wrong_paths()]:
        text = path.read_text()
        assert "import torch" not in text and "from torch" not in text, path
        compile(text, str(path), "exec")


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_cases_are_reproducible_and_well_formed(drill):
    from flashdeck.drills.judge import make_cases

    first, atol, rtol = make_cases(drill, seed=12345)
    again, _, _ = make_cases(drill, seed=12345)
    other, _, _ = make_cases(drill, seed=777)
    assert 0 < atol <= 1e-5 and 0 < rtol <= 1e-4, "tolerances stay tight"
    assert len(first) >= 5
    names = [c.name for c in first]
    assert len(set(names)) == len(names)
    assert any(c.seed == 12345 for c in first), "one case draws from the run's fresh seed"
    assert any(c.seed == 777 for c in other)
    for a, b in zip(first, again):
        assert a.name == b.name
        for key in a.inputs:
            if a.arrays().get(key) is not None:
                np.testing.assert_array_equal(a.inputs[key], b.inputs[key])
        json.dumps(a.params())  # parameters travel as JSON
        for arr in a.arrays().values():
            assert arr.dtype != object


def test_unknown_drill_and_broken_meta(tmp_path: Path):
    with pytest.raises(DrillNotFound, match="unknown drill 'nope'"):
        get_drill("nope")
    with pytest.raises(DrillNotFound):
        get_drill("../softmax")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "meta.yaml").write_text("id: other\ntitle: x\nfunction: f\nsignature: f(x)\n"
                                   "topics: []\ndifficulty: easy\nextra: 1\n")
    with pytest.raises(DrillError, match="unknown key 'extra'"):
        load_drill(bad)
    (bad / "meta.yaml").write_text("id: other\ntitle: x\nfunction: f\nsignature: g(x)\n"
                                   "topics: []\ndifficulty: trivial\n")
    with pytest.raises(DrillError) as err:
        load_drill(bad)
    for fragment in ("differs from the folder name", "signature must start", "topics must",
                     "difficulty must"):
        assert fragment in str(err.value)
    assert any("prompt.md: missing" in p for p in folder_problems(bad))


def test_importing_the_drills_api_pulls_in_neither_numpy_nor_torch():
    code = (
        "import sys, flashdeck.drills, flashdeck.drills.service, flashdeck.drills.cli\n"
        "flashdeck.drills.list_drills()[0].hints()\n"
        "print(sorted(m for m in ('numpy', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

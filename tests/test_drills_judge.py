"""The real judge: real torch references, real sandbox subprocesses, nothing mocked."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from flashdeck.drills import check_source, format_report, get_drill, list_drills
from flashdeck.drills.compare import compare
from flashdeck.drills.judge import make_cases
from flashdeck.drills.mistakes import known_mistakes, read_mistake
from flashdeck.drills.result import CheckResult

DRILLS = list_drills()
SOLUTIONS = [(d.id, d.solution_path) for d in DRILLS]
WRONGS = [(d.id, p) for d in DRILLS for p in d.wrong_paths()]

SOFTMAX_OK = """\
import numpy as np

def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""


def judge(drill_id: str, source: str, **kw):
    return check_source(drill_id, textwrap.dedent(source), filename="mine.py", **kw)


# -- every solution passes, every known-wrong answer fails ---------------------------------
@pytest.mark.parametrize(("drill_id", "path"), SOLUTIONS, ids=[d for d, _ in SOLUTIONS])
def test_solution_passes(drill_id, path):
    result = check_source(drill_id, path.read_text(), filename=path.name)
    assert result.passed, format_report(result)
    assert result.error is None and result.cases and all(c.passed for c in result.cases)
    assert result.diagnosis is None


@pytest.mark.parametrize(("drill_id", "path"), WRONGS, ids=[f"{d}/{p.stem}" for d, p in WRONGS])
def test_known_wrong_answer_fails_and_is_named(drill_id, path):
    result = check_source(drill_id, path.read_text(), filename=path.name)
    assert not result.passed
    failed = [c for c in result.cases if not c.passed]
    assert failed, format_report(result)
    assert result.error is None, "a wrong answer should fail on values, not crash the run"
    # the judge recognises it as this mistake, and as no other (issue 20)
    mistake = read_mistake(path)
    assert result.diagnosis is not None, f"{path.stem} not recognised:\n{format_report(result)}"
    assert (result.diagnosis.kind, result.diagnosis.variant) == ("known_mistake", path.stem)
    assert (result.diagnosis.name, result.diagnosis.hint) == (mistake.name, mistake.hint)
    report = format_report(result)
    assert report.startswith(f"Classic mistake: {mistake.name}\n    {mistake.explanation}\n"), report
    assert CheckResult.from_dict(json.loads(json.dumps(result.to_json_dict()))).diagnosis == result.diagnosis


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_starter_fails_with_not_implemented(drill):
    result = check_source(drill.id, drill.starter(), filename="starter.py")
    assert not result.passed
    assert all("NotImplementedError" in c.message for c in result.cases)
    assert result.diagnosis is None  # a crash is not a known mistake: no outputs to compare


@pytest.mark.parametrize(("drill_id", "source"), [
    ("softmax", "import numpy as np\ndef softmax(x, axis=-1):\n    return np.zeros_like(x)\n"),
    ("softmax", "import numpy as np\ndef softmax(x, axis=-1):\n    return np.full_like(x, 0.5)\n"),
    ("attention", "def scaled_dot_product_attention(q, k, v, mask=None):\n    return v[..., :q.shape[-2], :] * 2\n"),
    ("layer_norm", "def layer_norm(x, gamma, beta, eps=1e-5):\n    return x * gamma + beta\n"),
])
def test_a_wrong_answer_no_known_mistake_explains_is_not_named(drill_id, source):
    result = judge(drill_id, source, seed=7)
    assert not result.passed and result.diagnosis is None, format_report(result)
    assert "Classic mistake" not in format_report(result)


def test_a_variant_unlike_the_learner_on_a_passing_case_is_not_named():
    """Code that is right on every small case and goes wrong only on the long one, the way the
    tile-local causal mask does there: agreeing on the one failing case is not enough, since
    the variant gets causal_ragged wrong where the learner got it right."""
    drill = get_drill("flash_attention")

    def renamed(path, name):
        return path.read_text().replace("def flash_attention(", f"def {name}(")

    source = "\n".join([
        renamed(drill.solution_path, "_right"),
        renamed(drill.folder / "wrong" / "tile_local_causal_mask.py", "_local"),
        "def flash_attention(q, k, v, causal=False, block_size=64):",
        "    return (_local if q.shape[-2] > 1000 else _right)(q, k, v, causal, block_size)",
    ])
    result = check_source("flash_attention", source, filename="mine.py", seed=3)
    failed = [c.name for c in result.cases if not c.passed]
    assert failed == ["long_seed3"], format_report(result)
    assert result.diagnosis is None or result.diagnosis.kind != "known_mistake", format_report(result)
    # the variant itself, failing causal_ragged as well, is still named
    alone = check_source("flash_attention", renamed(drill.folder / "wrong" / "tile_local_causal_mask.py",
                                                    "flash_attention"), filename="mine.py", seed=3)
    assert alone.diagnosis is not None and alone.diagnosis.variant == "tile_local_causal_mask"


# -- the failure report --------------------------------------------------------------------
def test_failure_report_names_case_seed_shapes_errors_and_repro():
    src = SOFTMAX_OK.replace("x - x.max(axis=axis, keepdims=True)", "x")  # no max-subtraction
    result = judge("softmax", src, seed=4242)
    assert not result.passed
    case = next(c for c in result.cases if c.name == "logits_pm1000")
    assert not case.passed and case.seed == 5 and case.inputs["x"] == [4, 9]
    assert case.message.startswith("values differ at")
    text = format_report(result)
    assert "✗ logits_pm1000  seed=5  x(4, 9) axis=-1" in text
    assert "first mismatches:" in text and "got nan  expected 0.1111111111" in text
    assert "NaN/Inf: got 13 NaN; expected none" in text
    assert "max abs error" in text and "max rel error" in text
    assert "reproduce: flashdeck drill check softmax mine.py --seed 4242" in text
    assert "RuntimeWarning: overflow encountered in exp" in result.stderr
    assert "mine.py:5" in result.stderr, "warnings name the learner's file, not a temp path"
    assert any(c.name == "attention_scores_seed4242" for c in result.cases)


def test_fresh_seed_changes_between_runs_and_is_reproducible():
    a = judge("softmax", SOFTMAX_OK)
    b = judge("softmax", SOFTMAX_OK)
    assert a.passed and b.passed and a.seed != b.seed
    c = judge("softmax", SOFTMAX_OK, seed=a.seed)
    assert [x.name for x in c.cases] == [x.name for x in a.cases]


def test_exception_reports_the_learners_line():
    result = judge("softmax", """\
        import numpy as np

        def softmax(x, axis=-1):
            e = np.exp(x)
            total = e.sum(axis=axis)
            return e / total[99]
        """)
    case = result.cases[0]
    assert "IndexError" in case.message and "(line 6: return e / total[99])" in case.message
    assert case.details[-2:] == ['File "mine.py", line 6, in softmax',
                                 "  return e / total[99]"]
    assert "(same traceback as above)" in format_report(result)


def test_dtype_float32_is_reported_clearly():
    result = judge("softmax", SOFTMAX_OK.replace("return e / e.sum(axis=axis, keepdims=True)",
                                                 "return (e / e.sum(axis=axis, keepdims=True)).astype(np.float32)"))
    assert not result.passed
    assert result.cases[0].message.startswith("dtype float32, expected float64")


def test_shape_mismatch_comes_first():
    result = judge("cross_entropy", """\
        import numpy as np
        def cross_entropy(logits, targets, ignore_index=-100):
            return np.zeros(1)
        """)
    assert all(c.message == "shape (1,), expected () — return a scalar, not a one-element array"
               for c in result.cases)


def test_syntax_error_missing_function_and_none():
    r = judge("softmax", "def softmax(x, axis=-1:\n    return x\n")
    assert not r.passed and not r.cases and r.error.startswith("SyntaxError")
    assert "(line 1: def softmax(x, axis=-1:)" in r.error
    r = judge("softmax", "def soft_max(x, axis=-1):\n    return x\n")
    assert r.error == "your file does not define a function `softmax` (it defines: soft_max)"
    r = judge("softmax", "def softmax(x, axis=-1):\n    x + 1\n")
    assert all(c.message == "your function returned None — did you forget `return`?"
               for c in r.cases)


# -- the sandbox ---------------------------------------------------------------------------
def test_infinite_loop_hits_the_time_limit_and_names_the_line():
    start = time.monotonic()
    r = judge("softmax", """\
        def softmax(x, axis=-1):
            n = 0
            while True:
                n += 1
        """, time_limit=1.5)
    assert time.monotonic() - start < 8
    assert not r.passed and r.error == "time limit exceeded (1.5 s)"
    assert r.cases[0].message == "time limit exceeded (1.5 s)"
    assert all(c.message.startswith("not run") for c in r.cases[1:])
    assert any(line.strip() in ("n += 1", "while True:") for line in r.error_details)


def test_cpu_burning_loop_in_numpy_is_stopped_too():
    r = judge("softmax", """\
        import numpy as np
        def softmax(x, axis=-1):
            a = np.ones((300, 300))
            while True:
                a = np.tanh(a @ a)
        """, time_limit=1.5)
    assert r.error and r.error.startswith("time limit exceeded (1.5 s")


def test_memory_bomb_is_stopped_with_a_clear_message():
    r = judge("softmax", """\
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
    assert "hoard.append(np.ones(10**7))" in r.cases[0].message


def test_default_memory_limit_refuses_a_huge_allocation():
    r = judge("softmax", """\
        import numpy as np
        def softmax(x, axis=-1):
            return np.empty(3 * 2**30 // 8) if x.size else x
        """)
    assert r.cases[0].message.startswith("memory limit exceeded (2048 MiB)")


@pytest.mark.parametrize(("call", "shown"), [
    ("sys.exit(3)", "sys.exit(3)"),
    ("exit()", "sys.exit(None)"),
    ("os._exit(4)", "os._exit(4)"),
])
def test_exiting_the_interpreter_is_reported(call, shown):
    r = judge("softmax", f"""\
        import os, sys
        def softmax(x, axis=-1):
            {call}
        """)
    assert not r.passed and r.error is None
    assert r.cases[0].message.startswith(f"your code called {shown} — return the result")


def test_segfault_is_reported_with_the_signal_and_the_line():
    r = judge("softmax", """\
        import ctypes
        def softmax(x, axis=-1):
            return ctypes.string_at(0)
        """)
    assert not r.passed
    assert r.error == "your code crashed: killed by SIGSEGV (segmentation fault)"
    assert r.error_details == ['File "mine.py", line 3, in softmax',
                               "  return ctypes.string_at(0)"]


def test_print_flood_is_capped_and_the_check_still_completes():
    r = judge("softmax", SOFTMAX_OK.replace(
        "    e = np.exp", "    print('x' * 100_000)\n    os.write(1, b'y' * 1_000_000)\n    e = np.exp"
    ).replace("import numpy as np", "import os\nimport numpy as np"))
    assert r.passed, format_report(r)
    assert len(r.stdout) < 80 * 1024
    assert r.stdout.rstrip().endswith("[output truncated at 64 KiB]")


def test_endless_print_flood_does_not_hang():
    start = time.monotonic()
    r = judge("softmax", "def softmax(x, axis=-1):\n    while True:\n        print('spam' * 100)\n",
              time_limit=1.5)
    assert time.monotonic() - start < 8
    assert r.error == "time limit exceeded (1.5 s)"
    assert len(r.stdout) < 80 * 1024


@pytest.mark.parametrize("stmt", ["import torch", "from torch.nn import functional as F",
                                  "import importlib; importlib.import_module('jax')",
                                  "import tensorflow as tf"])
def test_frameworks_are_refused(stmt):
    r = judge("softmax", f"{stmt}\ndef softmax(x, axis=-1):\n    return x\n")
    assert not r.passed and "is not available in NumPy drills — implement it with numpy" in r.error
    assert r.error.startswith("ImportError: ")


def test_frameworks_are_refused_inside_the_function_too():
    r = judge("softmax", "def softmax(x, axis=-1):\n    import torch\n    return x\n")
    assert r.cases[0].message.startswith(
        "ImportError: torch is not available in NumPy drills — implement it with numpy")
    assert "(line 2: import torch)" in r.cases[0].message


def test_input_mutation_is_reported():
    r = judge("softmax", """\
        import numpy as np
        def softmax(x, axis=-1):
            x -= x.max(axis=axis, keepdims=True)
            np.exp(x, out=x)
            x /= x.sum(axis=axis, keepdims=True)
            return x
        """)
    assert not r.passed
    assert all(c.message.startswith("your function modified its input x") for c in r.cases)


def test_in_place_change_of_a_list_input_is_reported():
    r = judge("clip_grad_norm", """\
        import numpy as np
        def clip_grad_norm(grads, max_norm):
            total = np.sqrt(sum((g * g).sum() for g in grads))
            for g in grads:
                g *= min(1.0, max_norm / (total + 1e-6))
            return grads, total
        """)
    assert not r.passed
    assert r.cases[1].message.startswith("your function modified its input grads[0], grads[1]")


def test_wrong_output_structure_is_explained():
    r = judge("clip_grad_norm", "def clip_grad_norm(grads, max_norm):\n    return grads\n")
    assert r.cases[0].message == "expected a tuple of 2 values (clipped, total_norm), got 1 value"
    r = judge("layer_norm_backward", "def layer_norm_backward(dy, x, gamma, eps=1e-5):\n"
                                     "    return dy, gamma\n")
    assert r.cases[0].message == ("expected a tuple of 3 values (dx, dgamma, dbeta), "
                                  "got 2 values")


def test_learner_cannot_see_the_reference_or_torch():
    r = judge("softmax", """\
        import os, sys
        def softmax(x, axis=-1):
            leaked = [m for m in sys.modules if m.startswith(("torch", "flashdeck"))]
            assert not leaked, leaked
            assert not any("reference" in f for f in os.listdir(".")), os.listdir(".")
            raise ValueError("ok")
        """)
    assert all(c.message.startswith("ValueError: ok") for c in r.cases), format_report(r)


# -- comparison rules ----------------------------------------------------------------------
def test_compare_rules():
    exp = np.array([0.0, 1.0, -np.inf, np.nan])
    assert compare(exp.copy(), exp, atol=1e-8, rtol=1e-6).ok
    got = exp.copy()
    got[2] = -1e300
    cmp = compare(got, exp, atol=1e-8, rtol=1e-6)
    assert not cmp.ok and "NaN/Inf: got 1 NaN; expected 1 NaN, 1 -Inf" in cmp.details
    assert compare(np.array([1 + 1.5e-6]), np.array([1.0]), atol=1e-8, rtol=1e-6).ok is False
    assert compare(np.array([1 + 0.5e-6]), np.array([1.0]), atol=1e-8, rtol=1e-6).ok
    assert "integer" in compare(np.array([1]), np.array([1.0]), atol=0, rtol=0).message
    assert compare(np.array([1, 2], np.int64), np.array([1, 2], np.int8), atol=0, rtol=0).message \
        == "dtype int64, expected int8"
    assert "transpose" in compare(np.zeros((3, 2)), np.zeros((2, 3)), atol=0, rtol=0).message


# -- the warm judge ------------------------------------------------------------------------
def test_warm_judge_serves_checks_without_torch_in_the_caller(tmp_path):
    wrong = get_drill("softmax").wrong_paths()[0]
    script = tmp_path / "caller.py"
    script.write_text(textwrap.dedent(f"""\
        import json, sys, time
        from flashdeck.drills.service import WarmJudge
        judge = WarmJudge(time_limit=3)
        judge.start(wait=False)            # the torch import starts in the background
        ok = judge.check("softmax", {SOFTMAX_OK!r})
        t = time.monotonic()
        again = judge.check("softmax", {SOFTMAX_OK!r})
        warm = time.monotonic() - t
        bad = judge.check("softmax", open({str(wrong)!r}).read())
        loop = judge.check("softmax", "def softmax(x, axis=-1):\\n    while True: pass\\n")
        judge._proc.kill(); judge._proc.wait()   # the judge dies: the next check restarts it
        after = judge.check("softmax", {SOFTMAX_OK!r})
        try:
            judge.check("no_such_drill", "")
            unknown = False
        except KeyError:
            unknown = True
        judge.close()
        print(json.dumps({{"ok": ok.passed, "again": again.passed, "bad": bad.passed,
                          "loop": loop.error, "after": after.passed, "unknown": unknown,
                          "warm": warm, "alive": judge.alive,
                          "heavy": [m for m in ("torch", "numpy") if m in sys.modules]}}))
        """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["ok"] and res["again"] and not res["bad"] and res["after"] and res["unknown"]
    assert res["loop"] == "time limit exceeded (3 s)"
    assert res["heavy"] == [] and not res["alive"]
    assert res["warm"] < 2.0


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_every_drill_has_two_named_mistakes_with_headers_that_teach(drill):
    mistakes = known_mistakes(drill.folder, len(drill.hints()))  # raises path:line on a bad header
    assert len(mistakes) >= 2
    names = {case.name for case in make_cases(drill, 1)[0]}
    for mistake in mistakes:  # "Arbitrary on:" names cases that exist (a typo would silently widen it)
        assert set(mistake.arbitrary) <= names, (mistake.path, set(mistake.arbitrary) - names)
    assert len({m.name for m in mistakes}) == len(mistakes), "two mistakes of one drill share a name"
    solution = drill.solution_path.read_text()
    for mistake in mistakes:  # the explanation teaches; it never hands over a line of the solution
        for line in (l.strip() for l in solution.splitlines()):
            if len(line) >= 25 and not line.startswith(("#", "def ", "import ", "from ", "return ")):
                assert line not in mistake.explanation, (mistake.path, line)

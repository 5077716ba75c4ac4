"""Per-case memory budgets (Case.memory_mb): the real judge and the real sandbox, nothing mocked.

flash_attention's long case has a 4 MiB budget: the tiled solution fits, softmax(QKᵀ)V with the
whole (T, T) score matrix does not, and a learner's huge array fails only its own case.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from flashdeck.drills import check_source, format_report, get_drill
from flashdeck.drills.case import Case
from flashdeck.drills.judge import make_cases
from flashdeck.drills.sandbox import SandboxRun

DRILL = get_drill("flash_attention")
SOLUTION = DRILL.solution_path.read_text()
FULL_MATRIX = DRILL.solution_path.parent / "wrong" / "full_matrix.py"
BUDGET_TEXT = "the budget for this case is 4 MiB"


def _budgeted(result):
    cases, _, _ = make_cases(DRILL, result.seed)
    names = {c.name for c in cases if c.memory_mb is not None}
    assert names, "flash_attention should have a case with a memory budget"
    return [c for c in result.cases if c.name in names]


def test_flash_attention_has_a_budget_a_full_score_matrix_blows():
    cases, _, _ = make_cases(DRILL, 5)
    budgeted = [c for c in cases if c.memory_mb is not None]
    assert len(budgeted) == 1
    case = budgeted[0]
    tq, tk = case.inputs["q"].shape[-2], case.inputs["k"].shape[-2]
    assert tq * tk * 8 >= 4 * case.memory_mb * 2**20  # one float64 score matrix: 4x the budget


def test_solution_fits_the_budget():
    result = check_source(DRILL.id, SOLUTION, filename="solution.py", seed=5)
    assert result.passed, format_report(result)
    cases, _, _ = make_cases(DRILL, 5)
    run = SandboxRun(SOLUTION, DRILL.function, cases, filename="solution.py").wait()
    peaks = {c.name: sc.peak_bytes for c, sc in zip(cases, run.cases)}
    budgeted = [c for c in cases if c.memory_mb is not None]
    for c in cases:  # measured where there is a budget, and only there
        assert (peaks[c.name] is not None) == (c.memory_mb is not None)
    for c in budgeted:
        assert 0 < peaks[c.name] < c.memory_mb * 2**20 / 2, peaks  # with room to spare


def test_full_matrix_fails_on_memory_only():
    result = check_source(DRILL.id, FULL_MATRIX.read_text(), filename="full_matrix.py", seed=5)
    assert not result.passed
    assert result.error is None
    budgeted = _budgeted(result)
    # right values everywhere else: the budget is the only thing it breaks
    assert all(c.passed for c in result.cases if c not in budgeted), format_report(result)
    for c in budgeted:
        assert not c.passed
        assert c.message.startswith("memory budget exceeded: your code used ")
        assert BUDGET_TEXT in c.message
        used = float(c.message.split("used ")[1].split(" MiB")[0])
        assert used >= 18  # at least the (1536, 1536) float64 scores
        assert "tile by tile" in c.note  # the report says what to do about it
    assert "memory budget exceeded" in format_report(result)


HUGE_IN_ONE_CASE = """\
import numpy as np

def f(x, n):
    big = np.ones(n // 8)  # n bytes, filled
    return x + big[:1].sum() * 0
"""


def _run(source, cases):
    run = SandboxRun(textwrap.dedent(source), "f", cases, filename="mine.py")
    base = run.base
    return run.wait(), base


def test_a_huge_array_fails_its_case_and_leaves_nothing_behind():
    x = np.arange(4.0)
    mib = 2**20
    cases = [
        Case("small_in_budget", {"x": x, "n": 1 * mib}, memory_mb=4),
        Case("over_budget", {"x": x, "n": 64 * mib}, memory_mb=4),  # measured: used 64 MiB
        Case("huge", {"x": x, "n": 1024 * mib}, memory_mb=4),  # refused, never filled
        Case("no_budget_after", {"x": x, "n": 512 * mib}),  # the run's limit is back
        Case("in_budget_after", {"x": x, "n": 1 * mib}, memory_mb=4),
    ]
    run, base = _run(HUGE_IN_ONE_CASE, cases)
    assert run.fatal is None and run.load_error is None
    status = {c.name: sc for c, sc in zip(cases, run.cases)}
    assert status["small_in_budget"].status == "ok"
    over = status["over_budget"]
    assert over.status == "error"
    assert over.error["message"] == (
        "memory budget exceeded: your code used 64 MiB at its peak, "
        "the budget for this case is 4 MiB")
    assert 64 * mib <= over.peak_bytes < 65 * mib
    huge = status["huge"]
    assert huge.status == "error"
    assert huge.error["message"].startswith("memory budget exceeded: Unable to allocate 1.00 GiB")
    assert huge.error["message"].endswith("; the budget for this case is 4 MiB")
    assert huge.error["line"] == 4  # the learner's line that asked for it
    # (its peak_bytes may include the refused request: NumPy reports it to tracemalloc anyway)
    # nothing left behind: the arrays are gone, the address-space limit is restored, the next
    # cases run as if nothing had happened, and the run's directory is removed
    assert status["no_budget_after"].status == "ok"
    assert status["in_budget_after"].status == "ok"
    assert status["in_budget_after"].peak_bytes < 2 * mib
    assert not base.exists()


def test_a_huge_array_in_the_learners_file_fails_only_that_case_in_the_judge():
    source = SOLUTION.replace(
        "    *lead, tq, d = q.shape\n",
        "    *lead, tq, d = q.shape\n"
        "    if tq > 1000:\n"
        "        scratch = np.ones((1024, 1024, 128))  # 1 GiB of scratch space\n",
    )
    assert source != SOLUTION
    result = check_source(DRILL.id, source, filename="mine.py", seed=5)
    assert not result.passed and result.error is None
    budgeted = _budgeted(result)
    assert all(c.passed for c in result.cases if c not in budgeted), format_report(result)
    for c in budgeted:
        assert c.message.startswith("memory budget exceeded: Unable to allocate 1.00 GiB")
        assert BUDGET_TEXT in c.message
        line = source.splitlines().index("        scratch = np.ones((1024, 1024, 128))  # 1 GiB of "
                                         "scratch space") + 1
        assert f"(line {line}: scratch = np.ones" in c.message


@pytest.mark.parametrize("bad", [0, -1, "4", float("nan")])
def test_a_bad_budget_is_refused_when_the_case_is_made(bad):
    with pytest.raises(ValueError, match="memory_mb"):
        Case("c", {"x": np.zeros(1)}, memory_mb=bad)

"""What a wrong result looks like when no known mistake explains it (issue 20): hand-written
wrong answers checked by the real judge (real sandbox, real torch), and the pattern checks on
hand-made arrays for the ones no bundled drill can show."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from flashdeck.drills import check_source, format_report
from flashdeck.drills.case import Case
from flashdeck.drills.patterns import pattern

WRONG = {
    "a constant factor": ("layer_norm", """
import numpy as np
def layer_norm(x, gamma, beta, eps=1e-5):
    m = x.mean(axis=-1, keepdims=True)
    v = x.var(axis=-1, keepdims=True)
    return ((x - m) / np.sqrt(v + eps) * gamma + beta) * np.sqrt(x.shape[-1])
""", "off by a constant factor: ×2.82843 (= √8, 8 the last axis of x)"),
    "a transpose": ("softmax", """
import numpy as np
def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    out = e / e.sum(axis=axis, keepdims=True)
    return out.T if out.ndim == 2 else out
""", "the expected result, transposed"),
    "an off-by-one position": ("sinusoidal_positional_encoding", """
import numpy as np
def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(1, seq_len + 1, dtype=np.float64)[:, None]
    inv_freq = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.sin(pos * inv_freq)
    pe[:, 1::2] = np.cos(pos * inv_freq)
    return pe
""", "shifted by one position along axis 0"),
    "one batch element right": ("attention", """
import numpy as np
def scaled_dot_product_attention(q, k, v, mask=None):
    if q.ndim >= 3:
        q = np.broadcast_to(q[:1], q.shape)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return w / w.sum(axis=-1, keepdims=True) @ v
""", "right for 1 of 3 batch elements only"),
    "a single head right": ("attention", """
import numpy as np
def scaled_dot_product_attention(q, k, v, mask=None):
    if q.ndim >= 4:
        k = np.broadcast_to(k[:, :1], k.shape)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return w / w.sum(axis=-1, keepdims=True) @ v
""", "right for 1 of 3 heads only"),
}


@pytest.mark.parametrize("what", list(WRONG))
def test_a_hand_written_wrong_answer_gets_its_pattern(what, tmp_path: Path):
    drill_id, source, name = WRONG[what]
    result = check_source(drill_id, source.lstrip(), filename="mine.py", seed=3)
    assert not result.passed and result.diagnosis is not None, format_report(result)
    assert (result.diagnosis.kind, result.diagnosis.name) == ("pattern", name), result.diagnosis
    assert result.diagnosis.case in {c.name for c in result.cases if not c.passed}
    assert format_report(result).startswith(f"Looks like: {name}\n")


def _case(**inputs):
    return Case("hand_made", inputs)


def test_nan_only_where_the_inputs_are_extreme():
    x = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -5.0]])
    expected = np.exp(x - x.max(axis=-1, keepdims=True))
    expected /= expected.sum(axis=-1, keepdims=True)
    got = expected.copy()
    got[1] = np.nan  # the row with 1000 overflowed
    found = pattern([(_case(x=x), [got], [expected])], ("out",), 1e-8, 1e-6)
    assert found is not None and found.name == "NaN or Inf where the inputs are extreme"
    assert "reach 1e+03" in found.explanation
    tame = x.copy()
    tame[1, 0] = 10.0  # the same NaN without an extreme input: not a matter of stability
    assert pattern([(_case(x=tame), [got], [expected])], ("out",), 1e-8, 1e-6).name == "wrong for 1 of 2 rows only"


def test_right_only_on_one_side_of_a_mask():
    mask = np.array([[True, False, True], [False, True, True]])
    expected = np.arange(6.0).reshape(2, 3)
    got = np.where(mask, expected, 0.0)
    found = pattern([(_case(x=expected, mask=mask), [got], [expected])], ("out",), 1e-8, 1e-6)
    assert found is not None and found.name == "right only where mask is True"


@pytest.mark.parametrize("seed", range(5))
def test_a_result_wrong_in_no_particular_way_gets_no_pattern(seed):
    rng = np.random.default_rng(seed)
    expected = rng.standard_normal((3, 4, 5))
    got = expected + rng.standard_normal((3, 4, 5)) * 0.1
    assert pattern([(_case(x=expected), [got], [expected])], ("out",), 1e-8, 1e-6) is None
    nearly_scaled = expected * 2 + rng.standard_normal((3, 4, 5)) * 1e-3  # a factor that does not hold exactly
    assert pattern([(_case(x=expected), [nearly_scaled], [expected])], ("out",), 1e-8, 1e-6) is None


def test_a_pattern_another_failing_case_contradicts_is_not_claimed():
    expected = [np.arange(1.0, 9.0), np.arange(1.0, 16.0).reshape(5, 3)]
    got = [expected[0] * 2, expected[1] + 1]  # x2 in the first case, not in the second
    one = [(_case(x=expected[0]), [got[0]], [expected[0]])]
    both = [*one, (_case(x=expected[1]), [got[1]], [expected[1]])]
    assert pattern(one, ("out",), 1e-8, 1e-6).name == "off by a constant factor: ×2 (= 2)"
    assert pattern(both, ("out",), 1e-8, 1e-6) is None
    shorter = [*one, (_case(x=np.ones(1)), [np.zeros(1)], [np.ones(1)])]  # too short to say: no contradiction
    assert pattern(shorter, ("out",), 1e-8, 1e-6) is not None


def test_a_transpose_on_square_cases_only_is_named_and_never_crashes_the_check():
    source = """
import numpy as np
def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    out = e / e.sum(axis=axis, keepdims=True)
    return np.swapaxes(out, -1, -2) if out.ndim >= 2 and out.shape[-1] == out.shape[-2] else out
"""
    result = check_source("softmax", source.lstrip(), filename="mine.py", seed=3)
    assert not result.passed and result.diagnosis is not None, format_report(result)
    assert result.diagnosis.name == "the expected result, transposed"


def test_no_shift_claimed_where_the_expected_result_is_constant_and_no_rows_right_for_being_zero():
    zeros = np.zeros((4, 5))
    got = zeros.copy()
    got[0, 0] = 0.5  # one element wrong: nothing is shifted
    assert pattern([(_case(x=zeros), [got], [zeros])], ("out",), 1e-8, 1e-6) is None
    expected = np.zeros((6, 3))
    expected[2] = [1.0, 2.0, 3.0]
    noise = np.full((6, 3), 0.25)  # wrong everywhere: the zero rows are not "right"
    assert pattern([(_case(x=expected), [noise], [expected])], ("out",), 1e-8, 1e-6) is None
    one_off = np.arange(1.0, 19.0).reshape(6, 3)
    bad = one_off.copy()
    bad[4, 1] += 0.5  # 5 of 6 rows right: the one that is wrong is named, not "one reused"
    found = pattern([(_case(x=one_off), [bad], [one_off])], ("out",), 1e-8, 1e-6)
    assert found.name == "wrong for 1 of 6 rows only" and "row 4 comes out wrong" in found.explanation


def test_a_complex_result_is_not_the_right_values_in_the_wrong_dtype():
    expected = np.array([[0.2, 0.8], [0.5, 0.5], [0.1, 0.9]])
    assert pattern([(_case(x=expected), [expected + 1e-3j], [expected])], ("out",), 1e-8, 1e-6) is None
    as_ints = np.array([[1, 2], [3, 4]])
    found = pattern([(_case(x=as_ints), [as_ints.astype(np.float64)], [as_ints])], ("out",), 1e-8, 1e-6)
    assert found is not None and found.name == "the right values in the wrong dtype"

import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, i, hdim, seed, note="", w_scale=None, zero_state=False, bias_scale=0.1):
    rng = np.random.default_rng(seed)
    k = 1.0 / np.sqrt(hdim) if w_scale is None else w_scale  # nn.LSTMCell's init range
    inputs = {
        "x": rng.normal(size=(b, i)),
        "h": np.zeros((b, hdim)) if zero_state else np.tanh(rng.normal(size=(b, hdim))),
        "c": np.zeros((b, hdim)) if zero_state else rng.normal(size=(b, hdim)),
        "w_ih": rng.uniform(-k, k, size=(4 * hdim, i)),
        "w_hh": rng.uniform(-k, k, size=(4 * hdim, hdim)),
        "b_ih": rng.normal(size=4 * hdim) * bias_scale,
        "b_hh": rng.normal(size=4 * hdim) * bias_scale,
    }
    return Case(name, inputs, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        _case("one_unit", 1, 1, 1, 0, note="B=1, I=1, H=1: the four gates are four scalars",
              w_scale=1.0, bias_scale=1.0),
        _case("single_example", 1, 4, 3, 1, note="B=1", w_scale=1.0),
    ]
    for seed in (2, 3, fresh_seed):
        out.append(_case(f"odd_5x3x7_seed{seed}", 5, 3, 7, seed, w_scale=1.0, bias_scale=1.0,
                         note="B=5, I=3, H=7: I != H, so w_ih and w_hh differ in shape"))
    out.extend([
        _case("zero_state", 4, 6, 5, 4, zero_state=True, w_scale=1.0,
              note="h = c = 0 (the first step): c_new = i * g"),
        _case("saturated_gates", 3, 8, 4, 5, w_scale=10.0, bias_scale=10.0,
              note="pre-activations of +-100: gates saturate at 0 and 1"),
        _case("input_wider_than_hidden", 2, 16, 2, 6, w_scale=1.0, bias_scale=1.0,
              note="I=16, H=2"),
        _case(f"realistic_seed{fresh_seed}", 32, 128, 256, fresh_seed,
              note="batch 32, input 128, hidden 256 (4H = 1024 gate rows)"),
    ])
    return out

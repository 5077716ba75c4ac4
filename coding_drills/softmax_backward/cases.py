import numpy as np

from flashdeck.drills.case import Case


def _softmax(x, axis):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _case(name, x, axis, seed, note=""):
    rng = np.random.default_rng(None if seed is None else seed + 1000)
    dy = rng.normal(size=x.shape)
    return Case(name, {"y": _softmax(x, axis), "dy": dy, "axis": axis}, seed=seed,
                extras={"x": x}, note=note)


def cases(fresh_seed):
    out = [_case("single_element", np.array([[0.7]]), -1, 0, note="a single logit: its softmax is constant, so dx is 0")]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(_case(f"odd_3x7_seed{seed}", rng.normal(size=(3, 7)) * 2, -1, seed))
    rng = np.random.default_rng(2)
    out.append(_case("axis0", rng.normal(size=(5, 4)), 0, 2))
    rng = np.random.default_rng(3)
    out.append(_case("middle_axis_3d", rng.normal(size=(2, 6, 3)), 1, 3))
    rng = np.random.default_rng(4)
    out.append(_case("near_one_hot", rng.uniform(-1000, 1000, size=(4, 5)), -1, 4,
                     note="logits of ±1000: y is (nearly) one-hot"))
    rng = np.random.default_rng(5)
    x = rng.normal(size=(3, 6))
    x[0, 2:] = -np.inf
    x[2, ::3] = -np.inf
    out.append(_case("zeros_in_y", x, -1, 5, note="masked logits: y = 0 there, so dx = 0"))
    rng = np.random.default_rng(fresh_seed)
    out.append(_case(f"attention_seed{fresh_seed}", rng.normal(size=(2, 4, 32, 48)) * 3, -1,
                     fresh_seed, note="realistic (batch, heads, queries, keys)"))
    return out

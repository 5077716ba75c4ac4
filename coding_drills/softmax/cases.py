import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = [
        Case("single_element", {"x": np.array([[3.5]]), "axis": -1}, note="a single logit: its softmax is exactly 1"),
        Case("vector", {"x": np.array([1.0, 2.0, 3.0, -1.0, 0.5]), "axis": -1}),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_3x7_seed{seed}", {"x": rng.normal(size=(3, 7)) * 3, "axis": -1},
                        seed=seed))
    rng = np.random.default_rng(2)
    out.append(Case("square_5x5", {"x": rng.normal(size=(5, 5)) * 2, "axis": -1}, seed=2,
                    note="a square input hides a wrong-axis or missing-keepdims bug"))
    rng = np.random.default_rng(3)
    out.append(Case("axis0", {"x": rng.normal(size=(6, 4)), "axis": 0}, seed=3,
                    note="normalise down the columns"))
    rng = np.random.default_rng(4)
    out.append(Case("middle_axis_3d", {"x": rng.normal(size=(3, 4, 5)), "axis": 1}, seed=4))
    rng = np.random.default_rng(5)
    big = rng.uniform(-1000, 1000, size=(4, 9))
    big[1] = 1000.0  # a row of ties at the top
    big[2, 0] = -1000.0
    out.append(Case("logits_pm1000", {"x": big, "axis": -1}, seed=5,
                    note="logits of ±1000: exp overflows without subtracting the max"))
    rng = np.random.default_rng(6)
    masked = rng.normal(size=(4, 6))
    masked[0, 1:] = -np.inf  # one finite entry left
    masked[2, ::2] = -np.inf
    masked[3, 0] = -np.inf
    out.append(Case("neg_inf_entries", {"x": masked, "axis": -1}, seed=6,
                    note="-inf entries (masked scores) must get probability 0"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"attention_scores_seed{fresh_seed}",
                    {"x": rng.normal(size=(2, 4, 64, 64)) * 4, "axis": -1}, seed=fresh_seed,
                    note="realistic (batch, heads, queries, keys) scores"))
    return out

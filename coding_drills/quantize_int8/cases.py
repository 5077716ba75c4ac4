import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = [
        Case("single_element", {"x": np.array([[-0.7]])}, note="one value: it becomes -127"),
        Case("ramp", {"x": np.linspace(-1.0, 1.0, 37)}, note="both extremes, and rounding"),
        Case("all_zeros", {"x": np.zeros((3, 4))}, note="absmax 0: scale 1.0, no division by 0"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_seed{seed}", {"x": rng.normal(size=(5, 7)) * 0.2}, seed=seed))
    rng = np.random.default_rng(2)
    x = rng.normal(size=(8, 16)) * 0.02
    x[3, 5] = 6.0
    out.append(Case("outlier", {"x": x}, seed=2,
                    note="one outlier: most weights round to 0 or ±1"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"weight_matrix_seed{fresh_seed}",
                    {"x": rng.normal(size=(256, 128)) / np.sqrt(128)}, seed=fresh_seed,
                    note="a realistic weight matrix"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def _grads(rng, shapes, scale=1.0):
    return [rng.normal(size=s) * scale for s in shapes]


def cases(fresh_seed):
    out = []
    rng = np.random.default_rng(0)
    out.append(Case("one_tensor", {"grads": _grads(rng, [(1,)], 5.0), "max_norm": 1.0}, seed=0,
                    note="a single one-element gradient of norm > 1"))
    for seed in (1, 2, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"layer_seed{seed}", {"grads": _grads(rng, [(4, 3), (4,), (5, 4)]),
                                              "max_norm": 1.0}, seed=seed,
                        note="weight, bias and another weight: one global norm"))
    rng = np.random.default_rng(3)
    out.append(Case("below_max_norm", {"grads": _grads(rng, [(3, 3), (3,)], 0.01),
                                       "max_norm": 1.0}, seed=3,
                    note="the norm is below max_norm: gradients unchanged"))
    out.append(Case("all_zero", {"grads": [np.zeros((2, 2)), np.zeros(3)], "max_norm": 0.5},
                    note="norm 0: the 1e-6 avoids 0/0"))
    rng = np.random.default_rng(4)
    out.append(Case("exploding", {"grads": _grads(rng, [(6, 6), (6,)], 1e6), "max_norm": 5.0},
                    seed=4, note="a gradient of norm ~1e7"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"model_seed{fresh_seed}",
                    {"grads": _grads(rng, [(128, 64), (128,), (64, 128), (64,), (1000, 64)], 0.05),
                     "max_norm": 1.0}, seed=fresh_seed, note="a small model's gradients"))
    return out

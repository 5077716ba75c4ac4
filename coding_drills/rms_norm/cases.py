import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = []
    rng = np.random.default_rng(0)
    out.append(Case("single_token", {"x": rng.normal(size=(1, 1, 8)),
                                     "weight": rng.normal(size=8) + 1, "eps": 1e-6},
                    seed=0, note="B=1, S=1"))
    for seed in (1, 2, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_3x5x7_seed{seed}", {"x": rng.normal(size=(3, 5, 7)) * 2,
                                                  "weight": rng.normal(size=7) + 1, "eps": 1e-6},
                        seed=seed))
    rng = np.random.default_rng(3)
    x = rng.normal(size=(3, 6))
    x[1] = 0.0
    out.append(Case("zero_row", {"x": x, "weight": rng.normal(size=6) + 1, "eps": 1e-6},
                    seed=3, note="an all-zero row: eps keeps it finite, the output is 0"))
    rng = np.random.default_rng(4)
    out.append(Case("tiny_values", {"x": rng.normal(size=(3, 16)) * 1e-4,
                                    "weight": rng.normal(size=16) + 1, "eps": 1e-6},
                    seed=4, note="mean square 1e-8 next to eps 1e-6: eps must sit inside the sqrt"))
    rng = np.random.default_rng(5)
    out.append(Case("large_mean", {"x": 5.0 + rng.normal(size=(4, 12)),
                                   "weight": rng.normal(size=12) + 1, "eps": 1e-6},
                    seed=5, note="rows with mean 5: RMSNorm does not centre them"))
    rng = np.random.default_rng(6)
    out.append(Case("eps_1e-5", {"x": rng.normal(size=(2, 10)), "weight": rng.normal(size=10),
                                 "eps": 1e-5}, seed=6))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"realistic_seed{fresh_seed}",
                    {"x": rng.normal(size=(4, 64, 256)) * 3,
                     "weight": rng.normal(size=256) * 0.2 + 1, "eps": 1e-6},
                    seed=fresh_seed, note="(batch, seq, d_model)"))
    return out

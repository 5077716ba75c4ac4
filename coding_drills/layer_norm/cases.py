import numpy as np

from flashdeck.drills.case import Case


def _params(rng, d):
    return {"gamma": rng.normal(size=d) * 0.5 + 1.0, "beta": rng.normal(size=d) * 0.1}


def cases(fresh_seed):
    out = []
    rng = np.random.default_rng(0)
    out.append(Case("single_token", {"x": rng.normal(size=(1, 1, 8)), **_params(rng, 8),
                                     "eps": 1e-5}, seed=0, note="B=1, S=1"))
    for seed in (1, 2, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_3x5x7_seed{seed}",
                        {"x": rng.normal(size=(3, 5, 7)) * 2 + 0.5, **_params(rng, 7),
                         "eps": 1e-5}, seed=seed))
    rng = np.random.default_rng(3)
    out.append(Case("d_equals_1", {"x": rng.normal(size=(4, 1)), **_params(rng, 1), "eps": 1e-5},
                    seed=3, note="D=1: every x - mean is 0, so the output is beta"))
    rng = np.random.default_rng(4)
    x = rng.normal(size=(4, 6))
    x[1] = 3.0  # a constant row: variance 0
    out.append(Case("constant_row", {"x": x, **_params(rng, 6), "eps": 1e-5}, seed=4,
                    note="a constant row has variance 0: only eps keeps it finite"))
    rng = np.random.default_rng(5)
    out.append(Case("tiny_variance", {"x": rng.normal(size=(3, 16)) * 1e-3, **_params(rng, 16),
                                      "eps": 1e-5}, seed=5,
                    note="variance 1e-6 next to eps 1e-5: eps must sit inside the sqrt"))
    rng = np.random.default_rng(6)
    out.append(Case("large_mean", {"x": 1000.0 + rng.normal(size=(3, 32)) * 1e-3,
                                   **_params(rng, 32), "eps": 1e-5}, seed=6,
                    note="mean 1000, spread 1e-3: E[x^2] - E[x]^2 cancels catastrophically"))
    rng = np.random.default_rng(7)
    out.append(Case("eps_1e-6", {"x": rng.normal(size=(2, 10)), **_params(rng, 10), "eps": 1e-6},
                    seed=7))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"realistic_seed{fresh_seed}",
                    {"x": rng.normal(size=(4, 64, 256)) * 3 - 1, **_params(rng, 256),
                     "eps": 1e-5}, seed=fresh_seed, note="(batch, seq, d_model)"))
    return out

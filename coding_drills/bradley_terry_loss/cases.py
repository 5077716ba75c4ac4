import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = [
        Case("one_pair", {"r_chosen": np.array([1.5]), "r_rejected": np.array([0.5])},
             note="B=1, Δ = 1: loss = log(1 + e^-1) ≈ 0.3133"),
        Case("equal_rewards", {"r_chosen": np.array([0.0, 3.0, -2.5, 7.0]),
                               "r_rejected": np.array([0.0, 3.0, -2.5, 7.0])},
             note="Δ = 0 for every pair: the loss is log 2"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_batch7_seed{seed}", {"r_chosen": rng.normal(size=7) + 0.5,
                                                   "r_rejected": rng.normal(size=7)},
                        seed=seed, note="Δ = chosen − rejected (not the reverse), mean over 7 "
                                        "pairs (not the sum)"))
    out.append(Case("margins_pm1000", {
        "r_chosen": np.array([1000.0, -1000.0, 0.0, 600.0, 5.0]),
        "r_rejected": np.array([0.0, 0.0, 0.0, -1400.0, 5.0])},
        note="Δ = +1000, -1000, 0, +2000, 0: -log σ(-1000) = 1000, not inf"))
    out.append(Case("large_offset", {"r_chosen": np.array([1e6 + 0.5, 1e6 - 2.0, 1e6]),
                                     "r_rejected": np.array([1e6, 1e6, 1e6 + 1.25])},
                    note="rewards near 1e6: only the difference matters"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"batch256_seed{fresh_seed}", {"r_chosen": rng.normal(size=256) * 2 + 1,
                                                   "r_rejected": rng.normal(size=256) * 2},
                    seed=fresh_seed, note="realistic batch of 256 preference pairs"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = [
        Case("single_element", {"x": np.array([[0.25]]), "axis": -1}, note="B=1, S=1"),
        Case("spread_1000", {"x": np.array([[0.0, -1000.0, -5.0], [3.0, 2.0, -900.0]]),
                             "axis": -1},
             note="exp(-1000) underflows to 0: log(softmax) gives -inf, the answer is -1000"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_5x3_seed{seed}", {"x": rng.normal(size=(5, 3)) * 4, "axis": -1},
                        seed=seed))
    rng = np.random.default_rng(2)
    out.append(Case("axis0", {"x": rng.normal(size=(4, 4)), "axis": 0}, seed=2))
    rng = np.random.default_rng(3)
    big = rng.uniform(-1000, 1000, size=(3, 8))
    out.append(Case("logits_pm1000", {"x": big, "axis": -1}, seed=3,
                    note="logits of ±1000: both overflow and underflow"))
    rng = np.random.default_rng(4)
    masked = rng.normal(size=(3, 5))
    masked[0, :4] = -np.inf
    masked[2, 1] = -np.inf
    out.append(Case("neg_inf_entries", {"x": masked, "axis": -1}, seed=4,
                    note="-inf in, -inf out at the same positions"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"vocab_rows_seed{fresh_seed}",
                    {"x": rng.normal(size=(2, 8, 5000)) * 8, "axis": -1}, seed=fresh_seed,
                    note="realistic (batch, positions, vocabulary) logits"))
    return out

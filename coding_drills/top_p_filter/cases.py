import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = [
        Case("peaked_row", {"logits": np.array([[5.0, 1.0, 0.5, -1.0]]), "p": 0.9},
             note="the top token alone has more than p: only it survives"),
        Case("tiny_p", {"logits": np.array([[0.1, 0.3, 0.2, 0.25]]), "p": 0.01},
             note="a tiny p keeps just the most likely token"),
        Case("flat_row", {"logits": np.zeros((1, 8)) + np.arange(8) * 1e-3, "p": 0.5},
             note="nearly uniform over 8: about half the tokens stay"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"batch_p09_seed{seed}", {"logits": rng.normal(size=(3, 12)) * 2,
                                                  "p": 0.9}, seed=seed))
    rng = np.random.default_rng(2)
    out.append(Case("one_row_1d_p05", {"logits": rng.normal(size=10) * 1.5, "p": 0.5}, seed=2))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"vocab_seed{fresh_seed}", {"logits": rng.normal(size=(4, 5000)) * 4,
                                                "p": 0.95}, seed=fresh_seed,
                    note="a 5000-token vocabulary, p = 0.95"))
    return out

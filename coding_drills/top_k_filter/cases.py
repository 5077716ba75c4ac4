import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = [Case("greedy_k1", {"logits": np.array([[0.5, 2.0, -1.0, 1.5]]), "k": 1},
                note="k=1 keeps only the argmax")]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"batch_seed{seed}", {"logits": rng.normal(size=(3, 11)) * 2, "k": 4},
                        seed=seed))
    rng = np.random.default_rng(2)
    out.append(Case("one_row_1d", {"logits": rng.normal(size=9), "k": 3}, seed=2))
    rng = np.random.default_rng(3)
    out.append(Case("k_equals_v", {"logits": rng.normal(size=(2, 6)), "k": 6}, seed=3,
                    note="k = V keeps everything"))
    rng = np.random.default_rng(4)
    out.append(Case("k_above_v", {"logits": rng.normal(size=(2, 5)), "k": 50}, seed=4))
    rng = np.random.default_rng(5)
    x = rng.normal(size=(2, 10))
    x[0, [1, 4]] = -np.inf
    out.append(Case("already_masked", {"logits": x, "k": 5}, seed=5))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"vocab_seed{fresh_seed}", {"logits": rng.normal(size=(4, 32000)) * 3,
                                                "k": 50}, seed=fresh_seed,
                    note="a 32k vocabulary, k=50"))
    return out

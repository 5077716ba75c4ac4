import numpy as np

from flashdeck.drills.case import Case


def _targets(rng, n, c, ignore_frac=0.0, ignore_index=-100):
    t = rng.integers(0, c, size=n)
    if ignore_frac:
        drop = rng.random(n) < ignore_frac
        drop[0] = False
        t[drop] = ignore_index
    return t.astype(np.int64)


def cases(fresh_seed):
    out = [Case("one_example", {"logits": np.array([[1.0, -2.0, 0.5, 3.0]]),
                                "targets": np.array([2], dtype=np.int64), "ignore_index": -100},
                note="N=1")]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_7x5_seed{seed}", {"logits": rng.normal(size=(7, 5)) * 2,
                                                "targets": _targets(rng, 7, 5),
                                                "ignore_index": -100}, seed=seed))
    rng = np.random.default_rng(2)
    out.append(Case("with_padding", {"logits": rng.normal(size=(10, 6)),
                                     "targets": _targets(rng, 10, 6, 0.4), "ignore_index": -100},
                    seed=2, note="padding rows (-100) get zero gradient"))
    rng = np.random.default_rng(3)
    out.append(Case("ignore_class_0", {"logits": rng.normal(size=(9, 4)),
                                       "targets": _targets(rng, 9, 4, 0.3, ignore_index=0),
                                       "ignore_index": 0}, seed=3))
    rng = np.random.default_rng(4)
    out.append(Case("logits_pm1000", {"logits": rng.uniform(-1000, 1000, size=(5, 6)),
                                      "targets": _targets(rng, 5, 6), "ignore_index": -100},
                    seed=4, note="logits of ±1000: a stable softmax"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"vocab_seed{fresh_seed}", {"logits": rng.normal(size=(64, 2000)) * 3,
                                                "targets": _targets(rng, 64, 2000, 0.25),
                                                "ignore_index": -100}, seed=fresh_seed))
    return out

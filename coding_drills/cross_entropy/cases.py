import numpy as np

from flashdeck.drills.case import Case


def _targets(rng, n, c, ignore_frac=0.0, ignore_index=-100):
    t = rng.integers(0, c, size=n)
    if ignore_frac:
        drop = rng.random(n) < ignore_frac
        drop[0] = False  # keep at least one target
        t[drop] = ignore_index
    return t.astype(np.int64)


def cases(fresh_seed):
    out = [
        Case("one_example", {"logits": np.array([[2.0, -1.0, 0.5]]),
                             "targets": np.array([1], dtype=np.int64), "ignore_index": -100},
             note="N=1"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_7x5_seed{seed}",
                        {"logits": rng.normal(size=(7, 5)) * 2, "targets": _targets(rng, 7, 5),
                         "ignore_index": -100}, seed=seed))
    rng = np.random.default_rng(2)
    out.append(Case("with_padding",
                    {"logits": rng.normal(size=(12, 6)),
                     "targets": _targets(rng, 12, 6, ignore_frac=0.4), "ignore_index": -100},
                    seed=2, note="targets of -100 are padding: not in the mean"))
    rng = np.random.default_rng(3)
    out.append(Case("ignore_class_0",
                    {"logits": rng.normal(size=(10, 4)),
                     "targets": _targets(rng, 10, 4, ignore_frac=0.3, ignore_index=0),
                     "ignore_index": 0},
                    seed=3, note="ignore_index=0 is also a class index"))
    rng = np.random.default_rng(4)
    logits = rng.uniform(-1000, 1000, size=(6, 5))
    t = np.argmin(logits, axis=1).astype(np.int64)  # the least likely class: p underflows to 0
    out.append(Case("logits_pm1000", {"logits": logits, "targets": t, "ignore_index": -100},
                    seed=4, note="targets at the smallest logit: softmax underflows to 0"))
    rng = np.random.default_rng(fresh_seed)
    n, c = 96, 3000
    out.append(Case(f"vocab_seed{fresh_seed}",
                    {"logits": rng.normal(size=(n, c)) * 3,
                     "targets": _targets(rng, n, c, ignore_frac=0.25), "ignore_index": -100},
                    seed=fresh_seed, note="realistic: 96 tokens, 3000-word vocabulary, padding"))
    return out

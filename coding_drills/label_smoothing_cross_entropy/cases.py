import numpy as np

from flashdeck.drills.case import Case


def _case(name, n, c, smoothing, seed, note="", scale=2.0):
    rng = np.random.default_rng(seed)
    return Case(name, {"logits": rng.normal(size=(n, c)) * scale,
                       "targets": rng.integers(0, c, size=n).astype(np.int64),
                       "smoothing": smoothing}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        Case("one_example", {"logits": np.array([[2.0, -1.0, 0.5]]),
                             "targets": np.array([1], dtype=np.int64), "smoothing": 0.1},
             note="N=1, C=3, ε=0.1: target weight 0.9 + 0.1/3, the others 0.1/3 each"),
    ]
    for seed in (0, 1, fresh_seed):
        out.append(_case(f"odd_7x5_seed{seed}", 7, 5, 0.1, seed,
                         note="ε/C goes to every class, the target included (not ε/(C-1) to "
                              "the others); the NLL is weighted by 1 - ε"))
    out.append(_case("no_smoothing", 6, 4, 0.0, 2, note="ε = 0: plain cross-entropy"))
    out.append(_case("full_smoothing", 5, 6, 1.0, 3,
                     note="ε = 1: the targets do not matter, the loss is the mean -log p over classes"))
    out.append(_case("two_classes", 8, 2, 0.2, 4, note="C = 2: ε/C = 0.1 on each class"))
    rng = np.random.default_rng(5)
    logits = rng.uniform(-1000, 1000, size=(6, 5))
    out.append(Case("logits_pm1000", {"logits": logits,
                                      "targets": np.argmin(logits, axis=1).astype(np.int64),
                                      "smoothing": 0.1},
                    seed=5, note="logits of ±1000: most softmax entries underflow to 0, "
                                 "log(softmax) is -inf; use log-softmax"))
    out.append(_case(f"vocab_seed{fresh_seed}", 96, 3000, 0.1, fresh_seed, scale=3.0,
                     note="realistic: 96 tokens, 3000-word vocabulary, ε = 0.1"))
    return out

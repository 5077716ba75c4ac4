import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, h, tq, tk, d, dv, seed, causal=False, scale=1.0, note=""):
    rng = np.random.default_rng(seed)
    return Case(name, {"q": rng.normal(size=(b, h, tq, d)) * scale,
                       "k": rng.normal(size=(b, h, tk, d)) * scale,
                       "v": rng.normal(size=(b, h, tk, dv)),
                       "dout": rng.normal(size=(b, h, tq, dv)),
                       "causal": causal}, seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token", 1, 1, 1, 1, 4, 4, 0,
                 note="B=H=T=1: the softmax is 1, so dq = dk = 0 and dv = dout")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 3, 5, 5, 7, 7, seed,
                         note="odd sizes, no mask"))
    out.extend([
        _case("causal", 2, 2, 6, 6, 8, 8, 3, causal=True,
              note="causal: masked scores get no gradient, the first key collects the most"),
        _case("cross_tq_ne_tk", 1, 2, 3, 9, 8, 5, 4,
              note="Tq = 3 queries over Tk = 9 keys, Dv ≠ D: dk and dv have Tk rows"),
        _case("large_scores", 2, 1, 5, 5, 16, 4, 5, scale=6.0,
              note="scores in the hundreds: a stable softmax, nearly one-hot rows"),
        _case(f"realistic_seed{fresh_seed}", 2, 4, 64, 64, 32, 32, fresh_seed, causal=True,
              note="(2, 4, 64, 32), causal"),
    ])
    return out

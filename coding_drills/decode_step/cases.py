import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, h, t, d, seed, scale=1.0, note=""):
    rng = np.random.default_rng(seed)

    def draw(n):
        return rng.normal(size=(b, h, n, d))

    q_prev = draw(t)
    inputs = {"q_t": draw(1) * scale, "k_cache": draw(t) * scale, "v_cache": draw(t),
              "k_t": draw(1) * scale, "v_t": draw(1)}
    return Case(name, inputs, extras={"q_prev": q_prev}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        _case("empty_cache", 2, 2, 0, 4, 0,
              note="T=0: the first token attends only to itself, out = v_t"),
        _case("one_cached", 1, 2, 1, 4, 1, note="T=1: two keys, the cached one and the new one"),
        _case("b1_one_head", 1, 1, 5, 8, 2, note="B=1, H=1"),
    ]
    for seed in (3, 4, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 3, 6, 5, seed, note="B=2, H=3, T=6, D=5"))
    out.extend([
        _case("large_scores", 2, 2, 9, 4, 5, scale=20.0,
              note="scores around ±1000: the softmax needs the max subtracted"),
        _case("long_cache", 1, 2, 63, 16, 6, note="T=63: the top-left mask would see 1 of 64"),
        _case(f"realistic_seed{fresh_seed}", 1, 8, 127, 64, fresh_seed,
              note="a 127-token cache, 8 heads of D=64"),
    ])
    return out

import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, h, s, d, window, seed, scale=1.0, note=""):
    rng = np.random.default_rng(seed)
    q, k, v = (rng.normal(size=(b, h, s, d)) for _ in range(3))
    return Case(name, {"q": q * scale, "k": k * scale, "v": v, "window": window}, seed=seed,
                note=note)


def cases(fresh_seed):
    out = [
        _case("single_token", 1, 1, 1, 4, 3, 0, note="B=1, S=1: the token sees itself"),
        _case("window_1", 2, 2, 5, 4, 1, 1, note="window=1: only the diagonal, out = v"),
        _case("window_2", 1, 2, 7, 4, 2, 2,
              note="window=2: each query sees itself and the token before"),
    ]
    for seed in (3, 4, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 3, 11, 5, 4, seed, note="S=11, window=4"))
    out.extend([
        _case("window_equals_s", 1, 2, 6, 8, 6, 5, note="window=S: plain causal attention"),
        _case("window_beyond_s", 2, 1, 5, 4, 50, 6, note="window > S: plain causal attention"),
        _case("large_scores", 1, 2, 9, 4, 3, 7, scale=20.0,
              note="scores around ±1000: subtract the row max"),
        _case(f"realistic_seed{fresh_seed}", 2, 4, 128, 32, 16, fresh_seed,
              note="(2, 4, 128, 32), window 16"),
    ])
    return out

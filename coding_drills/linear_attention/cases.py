import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, h, s, d, m, seed, causal, scale=1.0, note=""):
    rng = np.random.default_rng(seed)
    q = rng.normal(size=(b, h, s, d)) * scale
    k = rng.normal(size=(b, h, s, d)) * scale
    v = rng.normal(size=(b, h, s, m))
    return Case(name, {"q": q, "k": k, "v": v, "causal": causal}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        _case("single_token", 1, 1, 1, 4, 4, 0, False, note="S=1: out = v"),
        _case("single_token_causal", 2, 1, 1, 3, 5, 1, True, note="S=1, causal: out = v"),
        _case("b1_non_causal", 1, 2, 6, 4, 4, 2, False, note="B=1, global sums"),
        _case("m_differs_from_d", 2, 2, 5, 3, 7, 3, True, note="D=3, M=7, causal"),
    ]
    for seed in (4, 5, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 3, 9, 5, 5, seed, False,
                         note="(2, 3, 9, 5), non-causal"))
        out.append(_case(f"odd_causal_seed{seed}", 2, 3, 9, 5, 5, seed, True,
                         note="(2, 3, 9, 5), causal: prefix sums over j <= i"))
    out.extend([
        _case("scaled_inputs", 1, 2, 12, 6, 6, 6, True, scale=3.0,
              note="q, k scaled x3: phi spans e^-9 .. 10"),
        _case(f"realistic_causal_seed{fresh_seed}", 1, 4, 256, 32, 32, fresh_seed, True,
              note="(1, 4, 256, 32), causal"),
    ])
    return out

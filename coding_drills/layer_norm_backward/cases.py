import numpy as np

from flashdeck.drills.case import Case


def _case(name, shape, seed, note="", scale=1.0, eps=1e-5):
    rng = np.random.default_rng(seed)
    d = shape[-1]
    return Case(name, {"dy": rng.normal(size=shape), "x": rng.normal(size=shape) * scale + 0.3,
                       "gamma": rng.normal(size=d) * 0.5 + 1.0, "eps": eps},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token", (1, 1, 8), 0, note="B=1, S=1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_3x5x7_seed{seed}", (3, 5, 7), seed, scale=2.0))
    out.append(_case("two_dims", (6, 10), 3))
    out.append(_case("d_equals_1", (4, 1), 4, note="D=1: x-hat is 0, so dx is 0"))
    out.append(_case("small_variance", (3, 12), 5, scale=1e-3,
                     note="variance below eps: eps matters in r"))
    out.append(_case(f"realistic_seed{fresh_seed}", (4, 32, 128), fresh_seed,
                     note="(batch, seq, d_model)"))
    return out

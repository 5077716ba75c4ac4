import numpy as np

from flashdeck.drills.case import Case


def _case(name, shape, seed, note="", scale=1.0, shift=0.0, eps=1e-6, zero_row=None):
    rng = np.random.default_rng(seed)
    d = shape[-1]
    x = rng.normal(size=shape) * scale + shift
    if zero_row is not None:
        x[zero_row] = 0.0
    return Case(name, {"x": x, "weight": rng.normal(size=d) * 0.5 + 1.0,
                       "dy": rng.normal(size=shape), "eps": eps},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token", (1, 1, 8), 0, note="B=1, S=1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_3x5x7_seed{seed}", (3, 5, 7), seed, scale=2.0,
                         note="(B, S, D): dx row by row, dweight summed over B and S"))
    out.append(_case("two_dims", (6, 10), 3))
    out.append(_case("d_equals_1", (4, 1), 4,
                     note="D=1: x-hat is ±1 up to eps, dx = r·g·eps/(x²+eps) is small but not 0"))
    out.append(_case("zero_row", (3, 6), 5, zero_row=1,
                     note="an all-zero row: r = 1/sqrt(eps), so dx = g/sqrt(eps) there"))
    out.append(_case("tiny_values", (3, 16), 6, scale=1e-4,
                     note="mean square 1e-8 next to eps 1e-6: eps stays inside r"))
    out.append(_case("large_mean", (4, 12), 7, shift=5.0,
                     note="rows with mean 5: RMSNorm has no mean path (no -mean(g) term)"))
    out.append(_case("eps_1e-5", (2, 10), 8, eps=1e-5))
    out.append(_case(f"realistic_seed{fresh_seed}", (4, 32, 128), fresh_seed,
                     note="(batch, seq, d_model)"))
    return out

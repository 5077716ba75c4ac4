import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, s, d, h, seed, causal=False, note=""):
    rng = np.random.default_rng(seed)
    ws = {f"w_{n}": rng.normal(size=(d, d)) / np.sqrt(d) for n in "qkvo"}
    return Case(name, {"x": rng.normal(size=(b, s, d)), **ws, "n_heads": h, "causal": causal},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token", 1, 1, 8, 2, 0, note="B=1, S=1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 5, 12, 3, seed, note="3 heads of d_k=4"))
    out.append(_case("one_head", 2, 4, 6, 1, 3, note="n_heads=1 is plain attention"))
    out.append(_case("d_k_1", 1, 5, 4, 4, 4, note="as many heads as features"))
    out.append(_case("causal", 2, 6, 8, 2, 5, causal=True))
    out.append(_case(f"realistic_seed{fresh_seed}", 2, 32, 64, 8, fresh_seed, causal=True,
                     note="(2, 32, 64) with 8 heads, causal"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def _params(rng, d, f):
    def lin(o, i):
        return rng.normal(size=(o, i)) / np.sqrt(i), rng.normal(size=o) * 0.1
    attn_w, attn_b = lin(3 * d, d)
    proj_w, proj_b = lin(d, d)
    fc_w, fc_b = lin(f, d)
    fc_proj_w, fc_proj_b = lin(d, f)
    ln = [1.0 + 0.2 * rng.normal(size=d), 0.1 * rng.normal(size=d)]
    ln2 = [1.0 + 0.2 * rng.normal(size=d), 0.1 * rng.normal(size=d)]
    return [*ln, attn_w, attn_b, proj_w, proj_b, *ln2, fc_w, fc_b, fc_proj_w, fc_proj_b]


def _case(name, b, t, d, h, seed, f=None, x_scale=1.0, x_shift=0.0, note=""):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(b, t, d)) * x_scale + x_shift
    return Case(name, {"x": x, "params": _params(rng, d, f or 4 * d), "n_heads": h},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token", 1, 1, 8, 2, 0,
                 note="B=T=1: attention returns the token's own value projection")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 5, 12, 3, seed,
                         note="3 heads of 4, T=5: the causal mask and the head split"))
    out.extend([
        _case("one_head", 2, 4, 6, 1, 3, note="n_heads = 1"),
        _case("narrow_mlp", 1, 6, 8, 4, 4, f=20,
              note="d_ff = 20, not 4·D: read the hidden size from fc_w"),
        _case("large_activations", 2, 5, 16, 2, 5, x_scale=20.0, x_shift=5.0,
              note="x of scale 20: the pre-LN residual carries it through unnormalised"),
        _case(f"realistic_seed{fresh_seed}", 2, 32, 64, 4, fresh_seed,
              note="(2, 32, 64), 4 heads, d_ff = 256"),
    ])
    return out

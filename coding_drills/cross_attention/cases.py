import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, s_q, s_kv, d_model, d_ctx, h, seed, note=""):
    rng = np.random.default_rng(seed)
    inputs = {
        "x": rng.normal(size=(b, s_q, d_model)),
        "context": rng.normal(size=(b, s_kv, d_ctx)),
        "w_q": rng.normal(size=(d_model, d_model)) / np.sqrt(d_model),
        "w_k": rng.normal(size=(d_model, d_ctx)) / np.sqrt(d_ctx),
        "w_v": rng.normal(size=(d_model, d_ctx)) / np.sqrt(d_ctx),
        "w_o": rng.normal(size=(d_model, d_model)) / np.sqrt(d_model),
        "n_heads": h,
    }
    return Case(name, inputs, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        _case("one_query", 1, 1, 6, 8, 10, 2, 0, note="B=1, S_q=1: one decoder token"),
        _case("one_context_token", 2, 4, 1, 8, 6, 2, 1,
              note="S_kv=1: the softmax is 1, every query gets the same output"),
        _case("same_width", 2, 3, 5, 8, 8, 2, 2,
              note="d_ctx = d_model (PyTorch packs the projections into in_proj_weight)"),
    ]
    for seed in (3, 4, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 5, 7, 12, 9, 3, seed,
                         note="S_q=5, S_kv=7, d_model=12, d_ctx=9, 3 heads"))
    out.extend([
        _case("one_head", 1, 3, 4, 6, 5, 1, 5, note="n_heads=1"),
        _case("d_k_1", 2, 3, 2, 4, 3, 4, 6, note="as many heads as features"),
        _case(f"realistic_seed{fresh_seed}", 2, 16, 49, 64, 96, 8, fresh_seed,
              note="16 queries of width 64 over 7x7 = 49 patch tokens of width 96, 8 heads"),
    ])
    return out

import numpy as np

from flashdeck.drills.case import Case


def _qkv(rng, lead, sq, sk, d, dv, scale=1.0):
    return {
        "q": rng.normal(size=(*lead, sq, d)) * scale,
        "k": rng.normal(size=(*lead, sk, d)) * scale,
        "v": rng.normal(size=(*lead, sk, dv)),
    }


def _random_mask(rng, shape):
    m = rng.random(shape) < 0.6
    m[..., 0] = True  # every query row keeps at least one key
    return m


def cases(fresh_seed):
    out = []
    rng = np.random.default_rng(0)
    out.append(Case("single_query_key", {**_qkv(rng, (1,), 1, 1, 8, 8), "mask": None}, seed=0,
                    note="B=1, S=1: the output is v"))
    rng = np.random.default_rng(1)
    out.append(Case("unbatched", {**_qkv(rng, (), 5, 7, 8, 3), "mask": None}, seed=1,
                    note="2-D q, k, v; Sq != Sk; Dv != D"))
    for seed in (2, 3, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"batched_odd_seed{seed}", {**_qkv(rng, (3,), 5, 9, 6, 4), "mask": None},
                        seed=seed))
    rng = np.random.default_rng(4)
    qkv = _qkv(rng, (2, 3), 4, 6, 16, 16)
    out.append(Case("heads_shared_mask", {**qkv, "mask": _random_mask(rng, (4, 6))}, seed=4,
                    note="a (Sq, Sk) mask broadcast over batch and heads; True = may attend"))
    rng = np.random.default_rng(5)
    qkv = _qkv(rng, (2, 4), 6, 6, 8, 8)
    pad = np.ones((2, 1, 1, 6), dtype=bool)
    pad[0, ..., 4:] = False  # example 0 has two padding keys
    pad[1, ..., 5:] = False
    out.append(Case("key_padding_mask", {**qkv, "mask": pad}, seed=5,
                    note="a (B, 1, 1, Sk) padding mask"))
    rng = np.random.default_rng(6)
    qkv = _qkv(rng, (1, 2), 7, 7, 8, 8)
    out.append(Case("causal_mask", {**qkv, "mask": np.tril(np.ones((7, 7), dtype=bool))},
                    seed=6))
    rng = np.random.default_rng(7)
    out.append(Case("large_scores", {**_qkv(rng, (2,), 4, 5, 16, 4, scale=40.0), "mask": None},
                    seed=7, note="scores in the thousands: the softmax must subtract the max"))
    rng = np.random.default_rng(fresh_seed)
    qkv = _qkv(rng, (2, 4), 64, 64, 32, 32)
    out.append(Case(f"realistic_seed{fresh_seed}",
                    {**qkv, "mask": _random_mask(rng, (2, 4, 64, 64))}, seed=fresh_seed,
                    note="(batch=2, heads=4, seq=64, d_k=32) with a full mask"))
    return out

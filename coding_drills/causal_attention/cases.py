import numpy as np

from flashdeck.drills.case import Case


def _qkv(rng, lead, sq, sk, d, dv, scale=1.0):
    return {"q": rng.normal(size=(*lead, sq, d)) * scale,
            "k": rng.normal(size=(*lead, sk, d)) * scale,
            "v": rng.normal(size=(*lead, sk, dv))}


def cases(fresh_seed):
    out = []
    rng = np.random.default_rng(0)
    out.append(Case("single_token", _qkv(rng, (1,), 1, 1, 4, 4), seed=0, note="B=1, S=1"))
    for seed in (1, 2, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"square_seed{seed}", _qkv(rng, (2,), 6, 6, 8, 5), seed=seed,
                        note="Sq = Sk: the usual lower triangle"))
    rng = np.random.default_rng(3)
    out.append(Case("decode_step", _qkv(rng, (2, 3), 1, 9, 8, 8), seed=3,
                    note="Sq = 1 with 9 cached keys: the new token sees all of them"))
    rng = np.random.default_rng(4)
    out.append(Case("chunk_after_cache", _qkv(rng, (2, 2), 3, 10, 16, 8), seed=4,
                    note="queries are the last 3 of 10 positions (bottom-right mask)"))
    rng = np.random.default_rng(5)
    out.append(Case("unbatched_chunk", _qkv(rng, (), 4, 7, 8, 3), seed=5))
    rng = np.random.default_rng(6)
    out.append(Case("large_scores", _qkv(rng, (2,), 5, 8, 16, 4, scale=40.0), seed=6,
                    note="scores in the thousands: stable softmax"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"realistic_seed{fresh_seed}", _qkv(rng, (2, 4), 32, 96, 32, 32),
                    seed=fresh_seed, note="(batch, heads, 32 new queries, 96 cached keys)"))
    return out

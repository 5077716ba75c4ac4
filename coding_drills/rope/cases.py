import numpy as np

from flashdeck.drills.case import Case


def _case(name, lead, s, d, seed, start=0, base=10000.0, note=""):
    rng = np.random.default_rng(seed)
    return Case(name, {"x": rng.normal(size=(*lead, s, d)),
                       "positions": np.arange(start, start + s, dtype=np.int64), "base": base},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("position_0", (1,), 1, 8, 0, note="B=1, S=1 at position 0: no rotation"),
           _case("d_equals_2", (3,), 4, 2, 1, note="one pair: a plain 2-D rotation")]
    for seed in (2, 3, fresh_seed):
        out.append(_case(f"odd_seed{seed}", (2,), 7, 6, seed))
    out.append(_case("decode_at_100", (2, 4), 1, 16, 4, start=100,
                     note="one new token at position 100 (KV cache)"))
    out.append(_case("large_positions", (1,), 5, 32, 5, start=4096))
    out.append(_case("base_500000", (2,), 6, 16, 6, base=500000.0, note="LLaMA-3's base"))
    out.append(_case(f"realistic_seed{fresh_seed}", (2, 4), 64, 64, fresh_seed,
                     note="(batch, heads, seq, d_head)"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, hq, hkv, sq, sk, d, dv, seed, note=""):
    rng = np.random.default_rng(seed)
    return Case(name, {"q": rng.normal(size=(b, hq, sq, d)),
                       "k": rng.normal(size=(b, hkv, sk, d)),
                       "v": rng.normal(size=(b, hkv, sk, dv))}, seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token", 1, 2, 1, 1, 1, 4, 4, 0, note="B=1, S=1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"groups_of_4_seed{seed}", 2, 8, 2, 5, 5, 8, 8, seed,
                         note="Hq=8, Hkv=2: heads 0-3 use KV 0, heads 4-7 use KV 1"))
    out.append(_case("groups_of_2", 1, 6, 3, 4, 7, 8, 6, 3, note="Hq=6, Hkv=3; Sq != Sk"))
    out.append(_case("multi_query", 2, 4, 1, 3, 6, 8, 8, 4, note="Hkv=1 (MQA)"))
    out.append(_case("multi_head", 1, 4, 4, 3, 3, 8, 8, 5, note="Hkv=Hq (plain MHA)"))
    out.append(_case(f"realistic_seed{fresh_seed}", 2, 8, 2, 32, 32, 16, 16, fresh_seed,
                     note="LLaMA-like grouping, 8 query heads on 2 KV heads"))
    return out

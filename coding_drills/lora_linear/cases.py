import numpy as np

from flashdeck.drills.case import Case


def _case(name, lead, n_in, n_out, r, alpha, seed, zero_b=False, note=""):
    rng = np.random.default_rng(seed)
    b = np.zeros((n_out, r)) if zero_b else rng.normal(size=(n_out, r)) * 0.1
    return Case(name, {"x": rng.normal(size=(*lead, n_in)),
                       "weight": rng.normal(size=(n_out, n_in)) / np.sqrt(n_in),
                       "bias": rng.normal(size=n_out) * 0.1,
                       "lora_a": rng.normal(size=(r, n_in)) / np.sqrt(n_in),
                       "lora_b": b, "alpha": alpha}, seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("one_row_rank_1", (1,), 4, 3, 1, 2.0, 0, note="N=1, r=1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_seed{seed}", (5,), 7, 3, 2, 16.0, seed, note="alpha=16, r=2"))
    out.append(_case("fresh_adapter", (4,), 6, 6, 4, 8.0, 3, zero_b=True,
                     note="B = 0 at initialisation: y equals the base layer"))
    out.append(_case("batch_seq", (2, 5), 8, 4, 8, 32.0, 4, note="3-D x, r=8"))
    out.append(_case("alpha_equals_r", (3,), 5, 5, 4, 4.0, 5, note="alpha = r: scale 1"))
    out.append(_case(f"realistic_seed{fresh_seed}", (2, 16), 128, 96, 8, 16.0, fresh_seed,
                     note="(batch, seq, 128) -> 96 with r=8"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def _case(name, lead, n_in, n_out, seed, note=""):
    rng = np.random.default_rng(seed)
    return Case(name, {"x": rng.normal(size=(*lead, n_in)),
                       "w": rng.normal(size=(n_out, n_in)) / np.sqrt(n_in),
                       "dy": rng.normal(size=(*lead, n_out))}, seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("one_row", (1,), 3, 2, 0, note="N=1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_2d_seed{seed}", (7,), 5, 3, seed, note="in != out"))
    out.append(_case("square", (6,), 4, 4, 3, note="in == out hides a transposed w"))
    out.append(_case("batch_seq", (3, 5), 6, 4, 4, note="3-D x: sum over batch and sequence"))
    out.append(_case(f"realistic_seed{fresh_seed}", (4, 32), 64, 256, fresh_seed,
                     note="(batch, seq, d_model) -> d_ff"))
    return out

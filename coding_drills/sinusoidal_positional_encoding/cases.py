import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    rng = np.random.default_rng(fresh_seed)
    s, d = int(rng.integers(5, 60)), 2 * int(rng.integers(1, 40))
    return [
        Case("single_position", {"seq_len": 1, "d_model": 8}, note="S=1: position 0 is [0,1,0,1,...]"),
        Case("d_model_2", {"seq_len": 6, "d_model": 2}, note="one frequency"),
        Case("odd_length", {"seq_len": 7, "d_model": 10}),
        Case("small", {"seq_len": 50, "d_model": 16}),
        Case("realistic", {"seq_len": 128, "d_model": 512}, note="the paper's d_model"),
        Case("long", {"seq_len": 4096, "d_model": 64}, note="positions in the thousands"),
        Case(f"random_size_seed{fresh_seed}", {"seq_len": s, "d_model": d}, seed=fresh_seed),
    ]

import numpy as np

from flashdeck.drills.case import Case


def _case(name, indices, d, num_embeddings, seed, note=""):
    rng = np.random.default_rng(seed + 1000)
    indices = np.asarray(indices, dtype=np.int64)
    return Case(name, {"indices": indices, "dy": rng.normal(size=indices.shape + (d,)),
                       "num_embeddings": num_embeddings}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        _case("single_token", [[3]], 4, 6, 0, note="B=1, S=1: only row 3 is non-zero"),
        _case("all_same_id", np.full((2, 6), 2), 5, 4, 1,
              note="every position reads row 2: dW[2] is the sum of all 12 gradients"),
        _case("repeats", [[1, 4, 1, 1], [4, 0, 1, 2]], 3, 7, 2,
              note="id 1 four times, id 4 twice: each occurrence adds (no buffered +=, no "
                   "division by the count); rows 3, 5, 6 stay 0"),
        _case("flat_indices", [5, 0, 5, 2, 5, 7, 0], 6, 9, 3,
              note="1-D indices (N,) with dy (N, D); row 8 is never used"),
        _case("vocab_of_one", np.zeros((3, 4), dtype=np.int64), 2, 1, 4,
              note="num_embeddings = 1: one row, the sum of everything"),
    ]
    for seed in (5, 6, fresh_seed):
        rng = np.random.default_rng(seed)
        ids = rng.integers(0, 9, size=(3, 5))  # ids 9 and 10 never occur
        out.append(_case(f"odd_3x5_seed{seed}", ids, 7, 11, seed,
                         note="repeated ids; the two top rows of the 11 are never used"))
    rng = np.random.default_rng(fresh_seed)
    freq = 1.0 / np.arange(1, 5001) ** 1.1  # Zipf's law over the ranks of the vocabulary
    ids = rng.choice(5000, size=(8, 128), p=freq / freq.sum())
    out.append(_case(f"zipf_batch_seed{fresh_seed}", ids, 64, 5000, fresh_seed,
                     note="realistic: 8×128 Zipf-distributed token ids, vocabulary 5000, D = 64"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def _case(name, n, shape, seed, dtype=np.float64, scale=1.0, note="", **tol):
    rng = np.random.default_rng(seed)
    chunks = [(rng.normal(size=shape) * scale).astype(dtype) for _ in range(n)]
    return Case(name, {"chunks": chunks}, seed=seed, note=note, **tol)


def cases(fresh_seed):
    out = [
        _case("one_rank", 1, (5,), 0,
              note="N = 1: nothing to send, bytes_sent = [0], the result is the input"),
        _case("two_ranks", 2, (6,), 1,
              note="N = 2: one reduce-scatter step and one all-gather step"),
        _case("divisible", 4, (8,), 2,
              note="8 elements over 4 ranks: every rank sends 2(N-1)/N · 64 = 96 bytes"),
        _case("uneven_split", 3, (10,), 3,
              note="10 elements over 3 ranks: np.array_split gives segments 4, 3, 3, so the "
                   "ranks send different amounts; 2(N-1)/N · D is not an integer here"),
        _case("more_ranks_than_elements", 5, (3,), 4,
              note="3 elements over 5 ranks: two segments are empty (0 bytes to send)"),
        _case("matrix_chunks", 4, (3, 7), 5,
              note="(3, 7) arrays: split the flattened data, give the results the input shape"),
        _case("float32_bytes", 4, (5, 6), 6, dtype=np.float32, atol=1e-6, rtol=1e-5,
              note="float32: 4 bytes an element (use .nbytes / itemsize, not 8)"),
    ]
    for seed in (7, 8, fresh_seed):
        n = int(np.random.default_rng(seed).integers(2, 9))
        out.append(_case(f"random_seed{seed}", n, (int(np.random.default_rng(seed + 1)
                                                       .integers(1, 40)),), seed,
                         note="2 to 8 ranks, 1 to 39 elements"))
    out.append(_case(f"realistic_seed{fresh_seed}", 8, (17, 1001), fresh_seed, scale=1e-3,
                     note="8 ranks, a (17, 1001) float64 gradient bucket (17017 elements, "
                          "not divisible by 8)"))
    return out

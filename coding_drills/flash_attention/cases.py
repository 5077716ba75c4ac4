import numpy as np

from flashdeck.drills.case import Case


def _case(name, b, h, tq, tk, d, dv, seed, causal=False, block_size=64, note="",
          memory_mb=None):
    rng = np.random.default_rng(seed)
    return Case(name, {"q": rng.normal(size=(b, h, tq, d)), "k": rng.normal(size=(b, h, tk, d)),
                       "v": rng.normal(size=(b, h, tk, dv)), "causal": causal,
                       "block_size": block_size}, seed=seed, note=note,
                memory_mb=memory_mb)


def cases(fresh_seed):
    out = [_case("single_token", 1, 1, 1, 1, 4, 4, 0, note="B=H=T=1: one tile of one entry")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"ragged_tiles_seed{seed}", 2, 2, 37, 37, 8, 8, seed, block_size=8,
                         note="T = 37 with 8-row tiles: the last tile has 5 rows"))
    out.extend([
        _case("causal_ragged", 2, 3, 45, 45, 16, 16, 3, causal=True, block_size=16,
              note="causal, tiles crossing the diagonal: mask with global positions"),
        _case("block_size_1", 1, 2, 7, 7, 4, 4, 4, causal=True, block_size=1,
              note="block_size = 1: the online softmax over one key at a time"),
        _case("block_larger_than_t", 2, 1, 10, 10, 8, 8, 5, block_size=64,
              note="one tile covers everything: plain attention"),
        _case("cross_tq_ne_tk", 1, 2, 20, 70, 8, 5, 6, block_size=16,
              note="Tq = 20 queries over Tk = 70 keys, Dv ≠ D, no mask"),
    ])
    rng = np.random.default_rng(7)
    a = np.full(32, 14.0)
    q = a + rng.normal(size=(1, 2, 40, 32))
    k = -a + rng.normal(size=(1, 2, 40, 32))
    out.append(Case("very_negative_scores",
                    {"q": q, "k": k, "v": rng.normal(size=(1, 2, 40, 32)), "causal": False,
                     "block_size": 16}, seed=7,
                    note="every score near -1100: start the running max at -inf, not 0, or "
                         "exp(s - 0) underflows to 0/0"))
    rng = np.random.default_rng(8)
    q = rng.normal(size=(1, 1, 48, 8))
    q[..., 40:, :] *= 30.0  # late rows: a huge max appears in a late key tile
    k = rng.normal(size=(1, 1, 48, 8))
    k[..., 40:, :] *= 30.0
    out.append(Case("max_grows_late",
                    {"q": q, "k": k, "v": rng.normal(size=(1, 1, 48, 8)), "causal": False,
                     "block_size": 8}, seed=8,
                    note="the largest scores sit in the last key tile: earlier partial sums "
                         "must be rescaled by exp(m_old - m_new)"))
    # The memory budget: 4 MiB for the call, where one full (1536, 1536) float64 score matrix
    # is 18 MiB (softmax(QKᵀ)V in the plain way peaks near 54 MiB) and the 128-row tiles of
    # the solution peak under 1 MiB. The sandbox measures the call's peak allocation.
    out.append(_case(f"long_seed{fresh_seed}", 1, 1, 1536, 1536, 16, 16, fresh_seed,
                     causal=True, block_size=128, memory_mb=4,
                     note="T = 1536 within a 4 MiB memory budget: compute the scores tile by "
                          "tile (one 128-row tile is 128 KiB; the full score matrix is "
                          "1536²·8 B = 18 MiB)"))
    return out

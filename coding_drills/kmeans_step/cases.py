import numpy as np

from flashdeck.drills.case import Case

ATOL = 1e-10
RTOL = 1e-10


def _blobs(name, seed, n, d, k, spread=1.0, note=""):
    """Points around k random centres; the initial centroids are k of the points."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, d)) * 4.0
    X = centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d)) * spread
    init = X[rng.choice(n, size=k, replace=False)] + rng.normal(size=(k, d)) * 0.1
    return Case(name, {"X": X, "centroids": init}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        Case("one_point", {"X": np.array([[1.5, -0.5, 2.0]]),
                           "centroids": np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 2.0]])},
             note="N=1: centroid 1 moves onto the point; centroid 0 gets nothing and stays"),
        Case("one_cluster", {"X": np.random.default_rng(7).normal(size=(9, 4)),
                             "centroids": np.array([[5.0, -5.0, 0.0, 1.0]])}, seed=7,
             note="K=1: every point in cluster 0, the centroid becomes the mean of X"),
        Case("ties_to_lowest_index",
             {"X": np.array([[1.0, 0.0], [1.0, 3.0], [3.0, 0.0], [0.0, 0.0], [5.0, 1.0],
                             [2.0, 2.0]]),
              "centroids": np.array([[0.0, 0.0], [2.0, 0.0], [4.0, 0.0], [9.0, 9.0]])},
             note="(1, 0) and (1, 3) are equidistant from centroids 0 and 1 -> 0; (3, 0) from "
                  "1 and 2 -> 1; exact in every distance formula"),
        Case("duplicate_centroids",
             {"X": np.array([[0.0, 1.0], [1.0, 1.0], [4.0, 4.0], [5.0, 4.0], [4.0, 5.0]]),
              "centroids": np.array([[1.0, 1.0], [1.0, 1.0], [4.0, 4.0]])},
             note="centroids 0 and 1 coincide: 1 loses every tie, is empty and keeps (1, 1)"),
        Case("far_empty_cluster",
             {"X": np.random.default_rng(8).normal(size=(12, 3)),
              "centroids": np.array([[0.5, 0.0, 0.0], [1e3, 1e3, 1e3], [-0.5, 0.0, 0.0]])},
             seed=8, note="centroid 1 is far from every point: no NaN, no zeros, it stays put"),
        Case("last_cluster_empty",
             {"X": np.array([[0.0], [0.2], [1.0], [1.1]]),
              "centroids": np.array([[0.1], [1.0], [50.0]])},
             note="D=1, and the last cluster is empty (bincount needs minlength=K)"),
    ]
    rng = np.random.default_rng(9)
    X = rng.normal(size=(6, 5))
    out.append(Case("k_equals_n", {"X": X, "centroids": X[::-1] + 1e-3}, seed=9,
                    note="K=N: each point owns the centroid next to it"))
    for seed in (1, 2, fresh_seed):
        out.append(_blobs(f"blobs_seed{seed}", seed, 60, 3, 4, note="60 points, 4 blobs in 3-D"))
    out.append(_blobs("odd_sizes", 3, 37, 7, 5, spread=2.0, note="N=37, D=7, K=5, overlapping"))
    out.append(_blobs(f"realistic_seed{fresh_seed}", fresh_seed, 2000, 16, 10,
                      note="N=2000, D=16, K=10"))
    return out

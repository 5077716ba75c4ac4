import numpy as np

from flashdeck.drills.case import Case


def _gaussian(name, seed, n, d, k, scales=None, offset=0.0, note=""):
    """Correlated Gaussian data: a random rotation of independent axes with distinct scales."""
    rng = np.random.default_rng(seed)
    if scales is None:
        scales = np.linspace(3.0, 0.5, d)  # distinct: every component is well defined
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    X = (rng.normal(size=(n, d)) * scales) @ rotation.T + offset
    return Case(name, {"X": X, "k": k}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        Case("two_points", {"X": np.array([[1.0, 2.0, 0.0], [3.0, -2.0, 1.0]]), "k": 1},
             note="N=2: one component, along x2 - x1 = (2, -4, 1) / sqrt(21), sign so -4 "
                  "becomes +; variance |x2 - x1|^2 / 2 = 10.5"),
        _gaussian("first_component_only", 1, 40, 5, 1, note="k=1"),
    ]
    for seed in (2, 3, fresh_seed):
        out.append(_gaussian(f"correlated_seed{seed}", seed, 50, 6, 3,
                             note="50 samples of 6 correlated features, k=3"))
    out.extend([
        _gaussian("all_components", 4, 30, 4, 4, note="k=D: a full orthonormal basis"),
        _gaussian("wide_data", 5, 6, 10, 5, note="N=6 < D=10: rank N-1 = 5, k = 5"),
        _gaussian("anisotropic", 6, 80, 5, 2, scales=np.array([100.0, 10.0, 1.0, 0.1, 0.01]),
                  note="scales 100 .. 0.01: one direction dominates"),
        _gaussian("offset_1000", 7, 60, 4, 2, offset=1000.0,
                  note="every feature offset by 1000: without centring the first component "
                       "points at the mean"),
    ])
    rng = np.random.default_rng(8)
    X = rng.normal(size=(45, 3)) @ np.array([[1.0, 0.5, 0.0], [0.0, 1.0, 0.3], [0.2, 0.0, 1.0]])
    out.append(Case("mixed_units", {"X": X * np.array([1e-3, 1.0, 1e3]), "k": 2}, seed=8,
                    note="features in units 1e-3, 1, 1e3: PCA is not scale-invariant"))
    out.append(_gaussian(f"realistic_seed{fresh_seed}", fresh_seed, 500, 64, 10,
                         scales=np.geomspace(10.0, 0.1, 64), note="(500, 64), k = 10"))
    return out

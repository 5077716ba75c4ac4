import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    out = [
        Case("scalar_like", {"x": np.array([[0.5]])}, note="a single value: GELU(0.5) ≈ 0.3457"),
        Case("grid", {"x": np.linspace(-6.0, 6.0, 121)},
             note="a grid over [-6, 6]: the approximations are off by 1e-4 and more near |x| = 2"),
        Case("large_magnitude", {"x": np.array([-40.0, -12.0, -5.0, 5.0, 12.0, 40.0, 1e3, -1e3])},
             note="GELU(x) ≈ x for large x, ≈ 0 for very negative x"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_3x5x7_seed{seed}", {"x": rng.normal(size=(3, 5, 7)) * 2},
                        seed=seed))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"activations_seed{fresh_seed}", {"x": rng.normal(size=(4, 32, 128)) * 1.5},
                    seed=fresh_seed, note="realistic FFN activations (batch, seq, d_ff)"))
    return out

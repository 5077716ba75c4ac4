import numpy as np

from flashdeck.drills.case import Case


def cases(fresh_seed):
    grid = np.linspace(-6.0, 6.0, 121)
    out = [
        Case("single_value", {"x": np.array([[1.0]]), "dy": np.array([[1.0]])},
             note="x = 1, dy = 1: GELU'(1) = Φ(1) + φ(1) ≈ 0.8413 + 0.2420 (the x·φ(x) term)"),
        Case("grid_dy_ones", {"x": grid, "dy": np.ones_like(grid)},
             note="dy = 1 on a grid over [-6, 6]: dx is GELU'(x) = Φ(x) + x·φ(x) of the exact erf "
                  "form (the tanh form is off by ~9e-4 near |x| = 2)"),
        Case("large_magnitude", {"x": np.array([-1e3, -40.0, -12.0, -5.0, 0.0, 5.0, 12.0, 40.0,
                                                1e3]),
                                 "dy": np.array([2.0, -1.0, 3.0, 0.5, -2.0, 1.5, -0.5, 4.0, -3.0])},
             note="GELU' is 0 far left, 0.5 at 0, 1 far right: no NaN from exp(-x²/2) at ±1000"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"odd_3x5x7_seed{seed}",
                        {"x": rng.normal(size=(3, 5, 7)) * 2, "dy": rng.normal(size=(3, 5, 7))},
                        seed=seed))
    rng = np.random.default_rng(2)
    x = rng.normal(size=(6, 9))
    out.append(Case("dy_varies", {"x": x, "dy": rng.normal(size=(6, 9)) * 3},
                    seed=2, note="dy is not 1: dx = dy * GELU'(x), not GELU'(x) alone"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"activations_seed{fresh_seed}",
                    {"x": rng.normal(size=(4, 32, 128)) * 1.5,
                     "dy": rng.normal(size=(4, 32, 128)) * 0.1},
                    seed=fresh_seed, note="realistic FFN activations (batch, seq, d_ff)"))
    return out

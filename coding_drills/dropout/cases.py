import numpy as np

from flashdeck.drills.case import Case


def _case(name, shape, p, seed, note=""):
    rng = np.random.default_rng(seed)
    return Case(name, {"x": rng.normal(size=shape), "p": p, "u": rng.random(size=shape)},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [
        Case("single_element", {"x": np.array([[3.0]]), "p": 0.25, "u": np.array([[0.6]])},
             note="one kept element: 3 / (1 - 0.25) = 4"),
        Case("ties_u_equals_p", {"x": np.array([1.0, -2.0, 3.0, 4.0, -5.0, 6.0]), "p": 0.5,
                                 "u": np.array([0.5, 0.4999, 0.5001, 0.0, 0.5, 0.9])},
             note="u == p is kept (keep where u >= p), survivors doubled"),
    ]
    rng = np.random.default_rng(1)
    u = rng.random(size=(4, 9))
    u[0, :3] = 0.0
    out.append(Case("p_zero", {"x": rng.normal(size=(4, 9)), "p": 0.0, "u": u}, seed=1,
                    note="p = 0 keeps everything (even u = 0): y = x"))
    out.append(_case("p_one", (5, 6), 1.0, 2,
                     note="p = 1 drops everything: y = 0, not 0/0 = NaN"))
    out.append(_case("p_0_9", (6, 11), 0.9, 3,
                     note="p = 0.9: survivors are scaled by 10; p is the drop probability"))
    for seed in (4, 5, fresh_seed):
        out.append(_case(f"odd_3x5x7_seed{seed}", (3, 5, 7), 0.25, seed,
                         note="p = 0.25: about 3 in 4 kept, each scaled by 1/(1 - p) = 4/3"))
    out.append(_case(f"activations_seed{fresh_seed}", (4, 32, 512), 0.1, fresh_seed,
                     note="realistic (batch, seq, d_model) with p = 0.1"))
    return out

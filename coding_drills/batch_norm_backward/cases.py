import numpy as np

from flashdeck.drills.case import Case


def _inputs(rng, shape, scale=1.0, shift=0.0, eps=1e-5):
    c = shape[1]
    return {"x": rng.normal(size=shape) * scale + shift, "gamma": rng.normal(size=c) * 0.5 + 1.0,
            "dy": rng.normal(size=shape), "eps": eps}


def cases(fresh_seed):
    out = []
    rng = np.random.default_rng(0)
    out.append(Case("single_sample_sequence", _inputs(rng, (1, 2, 9)), seed=0,
                    note="N=1 with L=9: each channel's statistics are over the length axis"))
    for seed in (1, 2, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"features_7x5_seed{seed}", _inputs(rng, (7, 5), 2.0, 0.5), seed=seed,
                        note="(N, C): sums over the batch"))
    rng = np.random.default_rng(3)
    out.append(Case("sequence_4x3x6", _inputs(rng, (4, 3, 6), 1.5, -1.0), seed=3,
                    note="(N, C, L): dgamma, dbeta and the means sum over N and L"))
    rng = np.random.default_rng(4)
    out.append(Case("image_2x3x4x5", _inputs(rng, (2, 3, 4, 5)), seed=4,
                    note="(N, C, H, W): reduce over N, H and W"))
    rng = np.random.default_rng(5)
    out.append(Case("batch_of_two", _inputs(rng, (2, 4)), seed=5,
                    note="N=2: the mean and variance paths dominate the gradient"))
    rng = np.random.default_rng(6)
    inp = _inputs(rng, (6, 3))
    inp["x"][:, 2] = -1.5  # a constant channel: variance 0
    out.append(Case("constant_channel", inp, seed=6,
                    note="a constant channel: xhat = 0 and r = 1/sqrt(eps)"))
    rng = np.random.default_rng(7)
    out.append(Case("large_mean", _inputs(rng, (8, 4, 3), 1e-2, 1000.0), seed=7,
                    note="mean 1000, spread 1e-2: compute the variance from centred values"))
    rng = np.random.default_rng(8)
    inp = _inputs(rng, (5, 3, 4), eps=1e-2)
    inp["dy"] = np.ones_like(inp["dy"]) * 0.5
    out.append(Case("constant_upstream", inp, seed=8,
                    note="dy constant per channel: dx is exactly 0 (BN removes shifts)",
                    atol=1e-12))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"realistic_seed{fresh_seed}", _inputs(rng, (32, 64, 50), 3.0, 0.5),
                    seed=fresh_seed, note="(batch, channels, length) = (32, 64, 50)"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def _inputs(rng, shape, training, scale=1.0, shift=0.0, **extra):
    c = shape[1]
    return {"x": rng.normal(size=shape) * scale + shift,
            "gamma": rng.normal(size=c) * 0.5 + 1.0, "beta": rng.normal(size=c) * 0.1,
            "running_mean": rng.normal(size=c) * 0.2, "running_var": rng.uniform(0.5, 2.0, c),
            "training": training, **extra}


def cases(fresh_seed):
    out = []
    rng = np.random.default_rng(0)
    out.append(Case("single_sample_sequence", _inputs(rng, (1, 3, 7), True), seed=0,
                    note="N=1 with L=7: the statistics are over the length axis too"))
    for seed in (1, 2, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"train_2d_5x3_seed{seed}", _inputs(rng, (5, 3), True, 2.0, 0.5),
                        seed=seed, note="(N, C): per-feature statistics over the batch"))
    rng = np.random.default_rng(3)
    out.append(Case("train_3d_4x3x6", _inputs(rng, (4, 3, 6), True, 1.5, -1.0), seed=3,
                    note="(N, C, L): reduce over N and L, not over N alone"))
    rng = np.random.default_rng(4)
    out.append(Case("train_4d_2x3x4x5", _inputs(rng, (2, 3, 4, 5), True), seed=4,
                    note="(N, C, H, W): reduce over N, H and W"))
    rng = np.random.default_rng(5)
    out.append(Case("batch_of_two", _inputs(rng, (2, 4), True, momentum=0.5), seed=5,
                    note="N=2: the unbiased running variance is twice the biased one"))
    rng = np.random.default_rng(6)
    inp = _inputs(rng, (6, 3), True)
    inp["x"][:, 1] = 2.5  # a constant feature: variance 0
    out.append(Case("constant_channel", inp, seed=6,
                    note="a constant channel has variance 0: only eps keeps it finite"))
    rng = np.random.default_rng(7)
    out.append(Case("large_mean", _inputs(rng, (8, 4, 3), True, 1e-2, 1000.0), seed=7,
                    note="mean 1000, spread 1e-2: E[x^2] - E[x]^2 cancels catastrophically"))
    rng = np.random.default_rng(8)
    out.append(Case("eval_mode", _inputs(rng, (5, 4, 3), False, 2.0, 1.0), seed=8,
                    note="training=False: normalise with the running statistics, keep them"))
    rng = np.random.default_rng(9)
    out.append(Case("eval_mode_2d", _inputs(rng, (3, 6), False, eps=1e-3), seed=9,
                    note="eval mode, eps=1e-3"))
    rng = np.random.default_rng(10)
    out.append(Case("momentum_0.3", _inputs(rng, (7, 2, 5), True, momentum=0.3), seed=10,
                    note="new = (1 - momentum) * old + momentum * batch"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"realistic_seed{fresh_seed}",
                    _inputs(rng, (32, 64, 50), True, 3.0, 0.5), seed=fresh_seed,
                    note="(batch, channels, length) = (32, 64, 50)"))
    return out

import numpy as np

from flashdeck.drills.case import Case


def _random(name, seed, shape, spread=0.3, clip_eps=0.2, note=""):
    rng = np.random.default_rng(seed)
    logp_old = -np.abs(rng.normal(size=shape)) * 2.0 - 0.1
    logp_new = logp_old + rng.normal(size=shape) * spread
    adv = rng.normal(size=shape)
    return Case(name, {"logp_new": logp_new, "logp_old": logp_old, "advantages": adv,
                       "clip_eps": clip_eps}, seed=seed, note=note)


def cases(fresh_seed):
    # log-ratios for r = 1.5, 0.5, 1.1, 0.9 (eps = 0.2: two outside, two inside)
    lr = np.log(np.array([1.5, 0.5, 1.1, 0.9, 1.5, 0.5, 1.1, 0.9]))
    old = np.full(8, -2.0)
    out = [
        Case("one_action", {"logp_new": np.array([-1.0]), "logp_old": np.array([-1.5]),
                            "advantages": np.array([2.0]), "clip_eps": 0.2},
             note="B=1: r = e^0.5 = 1.65 > 1.2 with A > 0, so the loss is -1.2 * 2 = -2.4"),
        Case("both_sides_of_the_clip", {"logp_new": old + lr, "logp_old": old,
                                        "advantages": np.array([1.0, 1.0, 1.0, 1.0,
                                                                -1.0, -1.0, -1.0, -1.0]),
                                        "clip_eps": 0.2},
             note="r in {1.5, 0.5, 1.1, 0.9} with A = +1 and A = -1: the min keeps r*A for "
                  "(A>0, r<0.8) and (A<0, r>1.2), the clip caps the other two"),
        Case("ratio_one", {"logp_new": np.array([-3.0, -0.2, -7.5]),
                           "logp_old": np.array([-3.0, -0.2, -7.5]),
                           "advantages": np.array([0.5, -2.0, 1.25]), "clip_eps": 0.2},
             note="first epoch: pi_new = pi_old, r = 1, loss = -mean(A)"),
        Case("long_sequences", {"logp_new": np.array([-800.0, -760.0, -840.0, -805.0]),
                                "logp_old": np.array([-800.0, -820.0, -780.0, -800.0]),
                                "advantages": np.array([1.0, -0.5, 0.7, -1.5]),
                                "clip_eps": 0.2},
             note="sequence log-probs near -800 with log-ratios 0, +60, -60, -5: exp(logp) "
                  "underflows to 0, take exp of the difference"),
    ]
    for seed in (1, 2, fresh_seed):
        out.append(_random(f"batch_seed{seed}", seed, (9,), note="9 actions, log-ratios ~ 0.3"))
    out.extend([
        _random("eps_0_1", 3, (11,), spread=0.2, clip_eps=0.1, note="clip_eps = 0.1"),
        _random("per_token_4x7", 4, (4, 7), note="(B, T) = (4, 7): the mean runs over all 28"),
        _random(f"realistic_16x256_seed{fresh_seed}", fresh_seed, (16, 256), spread=0.1,
                note="16 sequences x 256 tokens, small log-ratios as after a few updates"),
    ])
    return out

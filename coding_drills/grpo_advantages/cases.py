import numpy as np

from flashdeck.drills.case import Case


def _binary(rng, n_prompts, g, p=0.4):
    return (rng.random(n_prompts * g) < p).astype(np.float64)


def cases(fresh_seed):
    out = [
        Case("one_prompt_two_samples", {"rewards": np.array([1.0, 0.0]), "group_size": 2},
             note="G=2: one right, one wrong; the sample std is 0.707, not 0.5"),
        Case("one_prompt", {"rewards": np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0]),
                            "group_size": 8}, note="one prompt, 8 binary rewards"),
        Case("two_prompts", {"rewards": np.array([1.0, 0.0, 0.0, 0.5, 2.0, 2.0, 3.0, 1.0]),
                             "group_size": 4},
             note="groups are consecutive: [0:4] and [4:8], not every other element"),
        Case("all_equal_group", {"rewards": np.array([1.0, 1.0, 1.0, 0.0, 1.0, 0.0]),
                                 "group_size": 3},
             note="a group where every completion scores 1: std 0, advantages exactly 0"),
        Case("all_zero", {"rewards": np.zeros(8), "group_size": 4},
             note="no completion rewarded: no signal, advantages 0 (not NaN)"),
        Case("tiny_spread", {"rewards": np.array([1.0, 1.0 + 1e-4, 1.0, 2.0, 3.0, 4.0]),
                             "group_size": 3},
             note="std ~ 6e-5, close to eps: eps must be added to the std, outside the sqrt"),
    ]
    for seed in (1, 2, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"binary_5x6_seed{seed}", {"rewards": _binary(rng, 5, 6), "group_size": 6},
                        seed=seed, note="5 prompts x 6 completions, 0/1 correctness rewards"))
    rng = np.random.default_rng(3)
    out.append(Case("reward_model_scores", {"rewards": rng.normal(size=21) * 3 + 1.5,
                                            "group_size": 7}, seed=3,
                    note="continuous reward-model scores, odd G = 7"))
    rng = np.random.default_rng(4)
    out.append(Case("large_offset", {"rewards": 1000.0 + rng.normal(size=12) * 0.1,
                                           "group_size": 4}, seed=4,
                    note="a constant offset of 1000 does not change the advantages"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"realistic_seed{fresh_seed}",
                    {"rewards": _binary(rng, 64, 16, p=0.3) + rng.normal(size=1024) * 0.05,
                     "group_size": 16}, seed=fresh_seed,
                    note="64 prompts x G = 16 (DeepSeekMath's G = 64 with fewer prompts works the same)"))
    return out

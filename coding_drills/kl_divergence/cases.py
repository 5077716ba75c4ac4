import numpy as np

from flashdeck.drills.case import Case


def _case(name, shape, seed, note="", p_scale=1.0, q_scale=1.0):
    rng = np.random.default_rng(seed)
    return Case(name, {"p_logits": rng.normal(size=shape) * p_scale,
                       "q_logits": rng.normal(size=shape) * q_scale}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        Case("one_row", {"p_logits": np.array([[2.0, 0.0, -1.0, 0.5]]),
                         "q_logits": np.array([[0.0, 1.0, 0.0, -2.0]])},
             note="one row: Σ_c p_c (log p_c − log q_c), summed over the 4 classes, shape (1,)"),
    ]
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 6)) * 3
    out.append(Case("identical", {"p_logits": z, "q_logits": z.copy()}, seed=0,
                    note="p = q: KL is 0"))
    out.append(Case("shifted_rows", {"p_logits": z, "q_logits": z + np.arange(5.0)[:, None] * 7},
                    seed=0, note="q's logits are p's plus a constant per row: the same "
                                 "distribution, KL = 0 (normalise the logits)"))
    out.append(Case("one_class", {"p_logits": np.array([[3.0], [-2.0], [0.0]]),
                                  "q_logits": np.array([[-1.0], [5.0], [0.0]])},
                    note="C = 1: both distributions are [1], KL = 0"))
    out.append(_case("peaked_p_flat_q", (4, 10), 1, p_scale=6.0, q_scale=0.1,
                     note="KL(p‖q) with p peaked and q nearly uniform: not the same as KL(q‖p)"))
    out.append(_case("flat_p_peaked_q", (4, 10), 2, p_scale=0.1, q_scale=6.0,
                     note="p nearly uniform, q peaked: the forward KL is large"))
    for seed in (3, 4, fresh_seed):
        out.append(_case(f"odd_3x5x7_seed{seed}", (3, 5, 7), seed, p_scale=2.0, q_scale=2.0,
                         note="(3, 5, 7) input: one KL(p‖q) per row of 7 classes, shape (3, 5)"))
    rng = np.random.default_rng(5)
    out.append(Case("logits_pm1000", {"p_logits": rng.uniform(-1000, 1000, size=(6, 5)),
                                      "q_logits": rng.uniform(-1000, 1000, size=(6, 5))},
                    seed=5, note="logits of ±1000: p underflows to 0 in most classes; "
                                 "0·log 0 must give 0, not NaN"))
    out.append(_case(f"distillation_seed{fresh_seed}", (4, 32, 1000), fresh_seed,
                     p_scale=3.0, q_scale=3.0,
                     note="realistic: teacher vs student over (batch, seq, vocab 1000)"))
    return out

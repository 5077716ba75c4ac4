import numpy as np

from flashdeck.drills.case import Case


def _dist(rng, shape, temp=1.0):
    z = rng.normal(size=shape) / temp
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _random(name, k, v, seed, temp=1.0, u_scale=1.0, note=""):
    rng = np.random.default_rng(seed)
    target = _dist(rng, (k + 1, v), temp)
    draft = _dist(rng, (k, v), temp)
    tokens = np.array([rng.choice(v, p=row) for row in draft], dtype=np.int64)
    return Case(name, {"target_probs": target, "draft_probs": draft, "draft_tokens": tokens,
                       "u": rng.random(k) * u_scale}, seed=seed, note=note)


def cases(fresh_seed):
    out = []
    for seed in (1, 2, fresh_seed):
        out.append(_random(f"k4_v10_seed{seed}", 4, 10, seed, note="K=4 drafts over V=10"))
    p = np.array([[0.25, 0.25, 0.5], [0.6, 0.2, 0.2], [0.1, 0.1, 0.8]])
    q = np.array([[0.5, 0.25, 0.25], [0.3, 0.3, 0.4]])
    out.append(Case("boundary_u_equals_ratio",
                     {"target_probs": p, "draft_probs": q, "draft_tokens": np.array([0, 0]),
                      "u": np.array([0.5, 0.0])},
                     note="p/q = 0.25/0.5 = 0.5 = u: accept only if u < ratio, so token 0 is "
                          "rejected; residual max(0, p - q) = [0, 0, 0.25] -> [0, 0, 1]"))
    out.append(Case("all_accepted_bonus_row",
                     {"target_probs": p, "draft_probs": q, "draft_tokens": np.array([2, 0]),
                      "u": np.array([0.99, 0.99])},
                     note="p ≥ q at both tokens (ratio clipped to 1): both accepted, the next "
                          "token comes from target row K (the bonus token)"))
    pz = np.array([[0.0, 0.5, 0.5], [0.2, 0.3, 0.5]])
    qz = np.array([[0.4, 0.3, 0.3]])
    out.append(Case("target_gives_zero",
                     {"target_probs": pz, "draft_probs": qz, "draft_tokens": np.array([0]),
                      "u": np.array([0.0])},
                     note="K=1, p[t] = 0: rejected even with u = 0"))
    rng = np.random.default_rng(3)
    same = _dist(rng, (4, 7))
    out.append(Case("draft_equals_target",
                     {"target_probs": same, "draft_probs": same[:3].copy(),
                      "draft_tokens": np.array([1, 4, 6]), "u": np.array([0.999, 0.5, 0.9])},
                     seed=3, note="q = p: every ratio is 1, all K accepted"))
    rng = np.random.default_rng(4)
    tokens = np.array([2, 5, 1, 0, 3])
    draft = _dist(rng, (5, 8))
    target = _dist(rng, (6, 8))
    target[2] = draft[2] * 0.5
    target[2, 1] = 0.0
    target[2] /= target[2].sum()
    out.append(Case("reject_in_the_middle",
                     {"target_probs": target, "draft_probs": draft, "draft_tokens": tokens,
                      "u": np.array([0.0, 0.0, 0.0, 0.0, 0.0])}, seed=4,
                     note="u = 0 accepts wherever p > 0: tokens 0, 1 accepted, token 2 has "
                          "p = 0 — stop there, the later acceptances do not count"))
    out.append(_random(f"vocab_seed{fresh_seed}", 5, 32000, fresh_seed, temp=0.3,
                       note="K=5 over a 32k vocabulary, peaked distributions"))
    return out

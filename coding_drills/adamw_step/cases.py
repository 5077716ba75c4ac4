import numpy as np

from flashdeck.drills.case import Case


def _state(rng, shape, t):
    if t == 1:
        return np.zeros(shape), np.zeros(shape)
    g = rng.normal(size=shape) * 0.1
    return g * 0.5, g * g + 1e-4


def _case(name, shape, t, seed, note="", grad_scale=1.0, **hyper):
    rng = np.random.default_rng(seed)
    m, v = _state(rng, shape, t)
    inputs = {"param": rng.normal(size=shape), "grad": rng.normal(size=shape) * grad_scale,
              "m": m, "v": v, "t": t}
    inputs.update(hyper)
    return Case(name, inputs, seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("first_step_scalar_like", (1,), 1, 0,
                 note="t=1 from zero moments: bias correction turns m into g"),
           _case("first_step", (3, 4), 1, 1, lr=1e-2, weight_decay=0.1)]
    for seed in (2, 3, fresh_seed):
        out.append(_case(f"step10_seed{seed}", (5, 3), 10, seed, lr=3e-3, weight_decay=0.05))
    out.append(_case("late_step_1000", (6,), 1000, 4, beta2=0.95,
                     note="t=1000 with beta2=0.95 (LLM setting)"))
    out.append(_case("no_weight_decay", (4, 4), 7, 5, weight_decay=0.0))
    out.append(_case("large_lr", (3, 3), 3, 6, lr=0.5, weight_decay=0.1,
                     note="lr * weight_decay = 0.05: the decay's scaling by lr is visible"))
    out.append(_case("tiny_gradients", (8,), 1, 7, grad_scale=1e-9, eps=1e-8,
                     note="gradients near eps: eps must sit outside the sqrt"))
    out.append(_case(f"weight_matrix_seed{fresh_seed}", (64, 32), 50, fresh_seed,
                     lr=1e-3, weight_decay=0.1))
    return out

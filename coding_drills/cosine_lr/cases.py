import numpy as np

from flashdeck.drills.case import Case

ATOL = 1e-12  # learning rates are ~1e-4: an absolute 1e-8 would hide off-by-one steps

BASE = {"max_lr": 3e-4, "warmup_steps": 100, "total_steps": 1000, "min_lr": 3e-5}


def _random_steps(name, seed, shape):
    rng = np.random.default_rng(seed)
    total = int(rng.integers(50, 2000))
    warmup = int(rng.integers(0, total // 4))
    steps = rng.integers(0, int(total * 1.3), size=shape).astype(np.int64)
    steps.flat[:3] = [0, warmup, total]  # the boundaries every time
    return Case(name, {"step": steps, "max_lr": float(rng.uniform(1e-4, 1e-2)),
                       "warmup_steps": warmup, "total_steps": total,
                       "min_lr": float(rng.choice([0.0, 1e-6, 1e-5]))}, seed=seed,
                note=f"random steps over a {warmup}-step warm-up and {total} steps")


def cases(fresh_seed):
    out = [
        Case("step_0", {"step": 0, **BASE},
             note="step 0 of a warm-up: lr = max_lr * 0 / warmup = 0"),
        Case("mid_warmup", {"step": 37, **BASE}, note="37 / 100 of the way up to max_lr"),
        Case("warmup_end", {"step": 100, **BASE},
             note="step = warmup_steps: the cosine starts at exactly max_lr"),
        Case("halfway_down", {"step": 550, **BASE},
             note="half-way through the decay: (max_lr + min_lr) / 2"),
        Case("at_total", {"step": 1000, **BASE}, note="step = total_steps: min_lr"),
        Case("past_total", {"step": 1500, **BASE},
             note="past total_steps the lr stays at min_lr (no climb back up the cosine)"),
        Case("no_warmup", {"step": 0, "max_lr": 1e-3, "warmup_steps": 0, "total_steps": 10},
             note="warmup_steps = 0: step 0 is max_lr, and no division by zero"),
        Case("one_warmup_step", {"step": np.arange(4, dtype=np.int64), "max_lr": 1e-3,
                                 "warmup_steps": 1, "total_steps": 3, "min_lr": 1e-4},
             note="warmup_steps = 1, total_steps = 3: steps 0..3 as an array"),
        Case("whole_schedule", {"step": np.arange(0, 251, dtype=np.int64), "max_lr": 1e-3,
                                "warmup_steps": 20, "total_steps": 200, "min_lr": 0.0},
             note="every step of a 200-step schedule and 50 past it"),
    ]
    for seed in (1, 2, fresh_seed):
        out.append(_random_steps(f"random_steps_seed{seed}", seed, (4, 6)))
    rng = np.random.default_rng(fresh_seed)
    steps = np.sort(rng.integers(0, 650_000, size=300)).astype(np.int64)
    out.append(Case(f"gpt_schedule_seed{fresh_seed}",
                    {"step": steps, "max_lr": 6e-4, "warmup_steps": 2000, "total_steps": 600_000,
                     "min_lr": 6e-5}, seed=fresh_seed,
                    note="nanoGPT's GPT-2 run: 2000 warm-up steps, 600k steps, min_lr = max_lr / 10"))
    return out

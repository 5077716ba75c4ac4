# Mistake: warm-up off by one step
# max_lr·(step + 1)/warmup is a common variant, but not this schedule: here step 0 gives 0
# and max_lr is reached at step = warmup_steps, one step later.
# Hint: 4
import numpy as np


def cosine_lr(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    s = np.asarray(step, dtype=np.float64)
    warm = max_lr * (s + 1) / max(warmup_steps, 1)
    t = np.clip((s - warmup_steps) / (total_steps - warmup_steps), 0.0, 1.0)
    decay = min_lr + (max_lr - min_lr) * 0.5 * (1.0 + np.cos(np.pi * t))
    lr = np.where(s < warmup_steps, warm, decay)
    return float(lr) if lr.ndim == 0 else lr

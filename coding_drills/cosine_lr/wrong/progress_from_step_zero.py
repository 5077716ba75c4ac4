# Mistake: cosine progress measured from step 0
# t = step / total instead of (step − warmup) / (total − warmup): when the warm-up ends the
# cosine is already at t = warmup / total, so the lr never reaches max_lr.
# Hint: 3
import numpy as np


def cosine_lr(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    s = np.asarray(step, dtype=np.float64)
    warm = max_lr * s / max(warmup_steps, 1)
    t = np.clip(s / total_steps, 0.0, 1.0)
    decay = min_lr + (max_lr - min_lr) * 0.5 * (1.0 + np.cos(np.pi * t))
    lr = np.where(s < warmup_steps, warm, decay)
    return float(lr) if lr.ndim == 0 else lr

# Mistake: min_lr used as a floor, not as the decay's target
# Decaying max_lr to 0 and clamping at min_lr flattens the tail too early. The cosine goes
# *to* min_lr: min_lr + (max_lr − min_lr)·(1 + cos πt)/2.
# Hint: 4
import numpy as np


def cosine_lr(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    s = np.asarray(step, dtype=np.float64)
    warm = max_lr * s / max(warmup_steps, 1)
    t = np.clip((s - warmup_steps) / (total_steps - warmup_steps), 0.0, 1.0)
    decay = np.maximum(min_lr, max_lr * 0.5 * (1.0 + np.cos(np.pi * t)))
    lr = np.where(s < warmup_steps, warm, decay)
    return float(lr) if lr.ndim == 0 else lr

# Mistake: no clamp past total_steps
# With progress t > 1 the cosine keeps going and the lr climbs back towards max_lr; after
# total_steps the schedule stays at min_lr (t is clipped to [0, 1]).
# Hint: 3
import numpy as np


def cosine_lr(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    s = np.asarray(step, dtype=np.float64)
    warm = max_lr * s / max(warmup_steps, 1)
    t = (s - warmup_steps) / (total_steps - warmup_steps)
    decay = min_lr + (max_lr - min_lr) * 0.5 * (1.0 + np.cos(np.pi * t))
    lr = np.where(s < warmup_steps, warm, decay)
    return float(lr) if lr.ndim == 0 else lr

import numpy as np


def cosine_lr(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    """Vectorised over step: warm-up branch, cosine branch, then clamp past total_steps."""
    s = np.asarray(step, dtype=np.float64)
    warm = max_lr * s / max(warmup_steps, 1)  # max(.., 1): no 0/0 when there is no warm-up
    t = np.clip((s - warmup_steps) / (total_steps - warmup_steps), 0.0, 1.0)  # 1 past the end
    decay = min_lr + (max_lr - min_lr) * 0.5 * (1.0 + np.cos(np.pi * t))
    lr = np.where(s < warmup_steps, warm, decay)
    return float(lr) if lr.ndim == 0 else lr

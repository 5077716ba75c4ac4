import numpy as np


def cosine_lr(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    """Learning rate at `step` (0-based): linear warm-up from 0, then cosine decay to min_lr.

    step < warmup_steps:                max_lr * step / warmup_steps
    warmup_steps <= step <= total_steps: min_lr + (max_lr - min_lr) * (1 + cos(pi * t)) / 2,
                                         t = (step - warmup_steps) / (total_steps - warmup_steps)
    step > total_steps:                 min_lr
    step: an int (return a float) or an integer array (return a float64 array of its shape).
    0 <= warmup_steps < total_steps.
    """
    raise NotImplementedError

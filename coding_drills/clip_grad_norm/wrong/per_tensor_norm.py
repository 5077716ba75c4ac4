# Mistake: each tensor clipped by its own norm
# Per-tensor factors change the update's direction, and the total norm can still reach
# √(number of tensors)·max_norm. One global norm gives one common factor for all.
# Hint: 2
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    clipped = []
    for g in grads:
        n = np.sqrt(np.sum(g * g))
        clipped.append(g * min(1.0, max_norm / (n + 1e-6)))
    return clipped, total_norm

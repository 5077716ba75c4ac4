# Mistake: clipping each tensor by its own norm: the update's direction changes and the
# total norm can still exceed max_norm.
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    clipped = []
    for g in grads:
        n = np.sqrt(np.sum(g * g))
        clipped.append(g * min(1.0, max_norm / (n + 1e-6)))
    return clipped, total_norm

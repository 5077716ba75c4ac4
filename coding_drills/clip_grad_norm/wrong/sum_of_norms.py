# Mistake: the "total norm" as the sum of the per-tensor norms (an L1 of L2s), which is too big.
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = sum(np.sqrt(np.sum(g * g)) for g in grads)
    coef = min(1.0, max_norm / (total_norm + 1e-6))
    return [g * coef for g in grads], total_norm

# Mistake: gradients rescaled even when under max_norm
# Without capping the coefficient at 1, small gradients are scaled *up* to max_norm. Clipping
# only ever shrinks: the factor is max_norm / total_norm, but never more than 1.
# Hint: 2
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    coef = max_norm / (total_norm + 1e-6)
    return [g * coef for g in grads], total_norm

# Mistake: mean and variance treated as constants in dx
# dx = dy · γ / √(σ² + ε) keeps only the direct path. μ and σ² depend on every x_i, and the
# gradient through both is lost: dx no longer sums to 0 along the row.
# Hint: 2
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    r = 1.0 / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)
    lead = tuple(range(x.ndim - 1))
    return dy * gamma * r, np.sum(dy * (x - mu) * r, axis=lead), np.sum(dy, axis=lead)

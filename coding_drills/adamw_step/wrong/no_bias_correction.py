# Mistake: moments not bias-corrected
# m and v start at 0, so they are biased towards 0 early on (divide by 1 − β₁ᵗ and 1 − β₂ᵗ).
# v is the more biased, so the early steps are too large: about 3× at t = 1 with β₂ = 0.999.
# Hint: 3
import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    param = param * (1.0 - lr * weight_decay)
    m = beta1 * m + (1.0 - beta1) * grad
    v = beta2 * v + (1.0 - beta2) * grad * grad
    return param - lr * m / (np.sqrt(v) + eps), m, v

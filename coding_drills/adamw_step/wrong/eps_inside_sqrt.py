# Mistake: eps inside the square root
# The denominator is √(v̂ + ε) instead of √v̂ + ε: for ε = 1e-8 its floor is √ε = 1e-4, not 1e-8,
# so coordinates with tiny gradients take much smaller steps than in Adam.
# Hint: 4
import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    param = param * (1.0 - lr * weight_decay)
    m = beta1 * m + (1.0 - beta1) * grad
    v = beta2 * v + (1.0 - beta2) * grad * grad
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    return param - lr * m_hat / np.sqrt(v_hat + eps), m, v

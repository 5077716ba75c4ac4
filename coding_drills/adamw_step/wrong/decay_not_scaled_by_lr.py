# Mistake: weight decay not scaled by the learning rate
# The parameter shrinks by a factor (1 − weight_decay) per step; AdamW's decoupled decay is
# (1 − lr·weight_decay), so at lr = 1e-3 this decays 1000 times too fast.
# Hint: 2
import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    param = param * (1.0 - weight_decay)
    m = beta1 * m + (1.0 - beta1) * grad
    v = beta2 * v + (1.0 - beta2) * grad * grad
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v

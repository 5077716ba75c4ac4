# Mistake: L2 penalty in the gradient instead of decoupled decay
# Adding weight_decay·param to the gradient is Adam with L2: the decay passes through m and v and
# gets rescaled per coordinate. AdamW shrinks the parameter itself by lr·weight_decay.
# Hint: 2
import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    grad = grad + weight_decay * param
    m = beta1 * m + (1.0 - beta1) * grad
    v = beta2 * v + (1.0 - beta2) * grad * grad
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v

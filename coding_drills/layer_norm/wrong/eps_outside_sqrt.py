# Mistake: eps added outside the square root
# (x − μ)/(σ + ε) is not (x − μ)/√(σ² + ε): the two agree for large variances but differ a lot
# when σ² is comparable to ε (tiny spreads). PyTorch puts ε inside the root.
# Hint: 3
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, keepdims=True)
    return gamma * (x - mu) / (np.sqrt(var) + eps) + beta

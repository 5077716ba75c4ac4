# Mistake: unbiased variance (divide by D − 1)
# LayerNorm uses the biased (population) variance, the mean of squared deviations over D;
# dividing by D − 1 shrinks every output a little, and D = 1 gives 0 / 0.
# Hint: 2
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, keepdims=True, ddof=1)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta

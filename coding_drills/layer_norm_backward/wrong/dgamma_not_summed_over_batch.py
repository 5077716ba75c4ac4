# Mistake: dγ and dβ summed over the first axis only
# For (B, S, D) inputs this leaves an (S, D) array. γ and β are shared by every token of every
# sequence, so their gradients sum over all leading axes, to shape (D,).
# Hint: 4
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    r = 1.0 / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)
    xhat = (x - mu) * r
    g = dy * gamma
    dx = r * (g - np.mean(g, axis=-1, keepdims=True)
              - xhat * np.mean(g * xhat, axis=-1, keepdims=True))
    return dx, np.sum(dy * xhat, axis=0), np.sum(dy, axis=0)

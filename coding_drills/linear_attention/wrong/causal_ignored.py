# Mistake: causal ignored: every query sees the future
# The global sums are used in both modes, so with causal=True a query still sums over all
# positions. Causal needs prefix sums over j ≤ i, for the state and the normaliser.
# Hint: 3
import numpy as np


def linear_attention(q, k, v, causal=False):
    fq = np.where(q > 0, q + 1.0, np.exp(np.minimum(q, 0.0)))
    fk = np.where(k > 0, k + 1.0, np.exp(np.minimum(k, 0.0)))
    num = fq @ (fk.transpose(0, 1, 3, 2) @ v)
    den = np.sum(fq * fk.sum(axis=2)[:, :, None, :], axis=-1, keepdims=True)
    return num / den

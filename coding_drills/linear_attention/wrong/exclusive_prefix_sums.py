# Mistake: exclusive prefix sums (j < i) in causal mode
# The state is read before the current token is added, so a query cannot see its own
# position, and position 0 gets 0 / 0 = NaN. The sums run over j ≤ i.
# Hint: 3
import numpy as np


def linear_attention(q, k, v, causal=False):
    fq = np.where(q > 0, q + 1.0, np.exp(np.minimum(q, 0.0)))
    fk = np.where(k > 0, k + 1.0, np.exp(np.minimum(k, 0.0)))
    if causal:
        state = np.cumsum(fk[..., :, None] * v[..., None, :], axis=2)
        norm = np.cumsum(fk, axis=2)
        state = np.concatenate([np.zeros_like(state[:, :, :1]), state[:, :, :-1]], axis=2)
        norm = np.concatenate([np.zeros_like(norm[:, :, :1]), norm[:, :, :-1]], axis=2)
        num = np.einsum("bhsd,bhsdm->bhsm", fq, state)
        den = np.sum(fq * norm, axis=-1, keepdims=True)
    else:
        num = fq @ (fk.transpose(0, 1, 3, 2) @ v)
        den = np.sum(fq * fk.sum(axis=2)[:, :, None, :], axis=-1, keepdims=True)
    return num / den

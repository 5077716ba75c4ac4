import numpy as np


def _phi(x):
    """elu(x) + 1: x + 1 above 0, exp(x) below (the minimum keeps exp from overflowing)."""
    return np.where(x > 0, x + 1.0, np.exp(np.minimum(x, 0.0)))


def linear_attention(q, k, v, causal=False):
    """Right-to-left: a (D, M) key-value state and a (D,) normaliser, global or prefix-summed."""
    fq, fk = _phi(q), _phi(k)
    if causal:
        state = np.cumsum(fk[..., :, None] * v[..., None, :], axis=2)  # (B, H, S, D, M)
        norm = np.cumsum(fk, axis=2)  # (B, H, S, D)
        num = np.einsum("bhsd,bhsdm->bhsm", fq, state)
        den = np.sum(fq * norm, axis=-1, keepdims=True)
    else:
        state = fk.transpose(0, 1, 3, 2) @ v  # (B, H, D, M)
        norm = fk.sum(axis=2)  # (B, H, D)
        num = fq @ state
        den = np.sum(fq * norm[:, :, None, :], axis=-1, keepdims=True)
    return num / den

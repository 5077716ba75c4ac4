# Mistake: φ = ReLU instead of elu + 1
# ReLU features are 0 for negative inputs, so an all-negative query (or only all-negative keys)
# gives 0 / 0, and the kernel is a different one anyway. elu(x) + 1 is always positive.
# Hint: 1
import numpy as np


def linear_attention(q, k, v, causal=False):
    fq, fk = np.maximum(q, 0.0), np.maximum(k, 0.0)
    if causal:
        state = np.cumsum(fk[..., :, None] * v[..., None, :], axis=2)
        num = np.einsum("bhsd,bhsdm->bhsm", fq, state)
        den = np.sum(fq * np.cumsum(fk, axis=2), axis=-1, keepdims=True)
    else:
        num = fq @ (fk.transpose(0, 1, 3, 2) @ v)
        den = np.sum(fq * fk.sum(axis=2)[:, :, None, :], axis=-1, keepdims=True)
    return num / den

# Mistake: no denominator: the kernel weights are not normalised
# Without dividing by φ(q_i) · Σ_j φ(k_j), the weights no longer sum to 1 and the output grows
# with the sequence length.
# Hint: 2
import numpy as np


def linear_attention(q, k, v, causal=False):
    fq = np.where(q > 0, q + 1.0, np.exp(np.minimum(q, 0.0)))
    fk = np.where(k > 0, k + 1.0, np.exp(np.minimum(k, 0.0)))
    if causal:
        state = np.cumsum(fk[..., :, None] * v[..., None, :], axis=2)
        return np.einsum("bhsd,bhsdm->bhsm", fq, state)
    return fq @ (fk.transpose(0, 1, 3, 2) @ v)

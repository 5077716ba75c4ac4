import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    """Walk the draft left to right; at the first rejection, sample from the residual."""
    k = draft_probs.shape[0]
    for i in range(k):
        t = draft_tokens[i]
        p, q = target_probs[i, t], draft_probs[i, t]
        if not u[i] < min(1.0, p / q):
            residual = np.maximum(target_probs[i] - draft_probs[i], 0.0)
            return i, residual / residual.sum()
    return k, target_probs[k].copy()

# Mistake: accepts when u ≤ p/q instead of u < p/q
# The pinned rule is strict, u < min(1, p/q): the boundary u = p/q is a rejection, and a
# token with target probability 0 must be rejected even when u = 0.
import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    k = draft_probs.shape[0]
    for i in range(k):
        t = draft_tokens[i]
        if not u[i] <= min(1.0, target_probs[i, t] / draft_probs[i, t]):
            residual = np.maximum(target_probs[i] - draft_probs[i], 0.0)
            return i, residual / residual.sum()
    return k, target_probs[k].copy()

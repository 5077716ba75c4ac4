# Mistake: accepting when u <= p/q: with the pinned rule (u < min(1, p/q)) a token whose
# target probability is 0 must always be rejected, and the boundary u = p/q is a rejection.
import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    k = draft_probs.shape[0]
    for i in range(k):
        t = draft_tokens[i]
        if not u[i] <= min(1.0, target_probs[i, t] / draft_probs[i, t]):
            residual = np.maximum(target_probs[i] - draft_probs[i], 0.0)
            return i, residual / residual.sum()
    return k, target_probs[k].copy()

# Mistake: residual max(0, p − q) not normalised
# Σ max(0, p − q) is the rejection probability, not 1: the residual must be divided by its
# sum to be a distribution.
# Hint: 3
import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    k = draft_probs.shape[0]
    for i in range(k):
        t = draft_tokens[i]
        if not u[i] < min(1.0, target_probs[i, t] / draft_probs[i, t]):
            return i, np.maximum(target_probs[i] - draft_probs[i], 0.0)
    return k, target_probs[k].copy()

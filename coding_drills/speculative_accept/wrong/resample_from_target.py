# Mistake: resamples from the target p after a rejection
# The next token must come from the residual max(0, p − q), normalised: drawing from p counts
# the mass already given by acceptance twice, so the output is no longer distributed as p.
# Hint: 3
import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    k = draft_probs.shape[0]
    for i in range(k):
        t = draft_tokens[i]
        if not u[i] < min(1.0, target_probs[i, t] / draft_probs[i, t]):
            return i, target_probs[i].copy()
    return k, target_probs[k].copy()

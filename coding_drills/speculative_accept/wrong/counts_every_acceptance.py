# Mistake: counts acceptances after the first rejection
# Tokens drafted after a rejected one were conditioned on a prefix now thrown away: stop at
# the first rejection, and n_accepted is its position.
# Hint: 1
import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    k = draft_probs.shape[0]
    rows = np.arange(k)
    ratio = target_probs[rows, draft_tokens] / draft_probs[rows, draft_tokens]
    accept = u < np.minimum(1.0, ratio)
    n = int(accept.sum())
    if accept.all():
        return n, target_probs[k].copy()
    first = int(np.argmin(accept))
    residual = np.maximum(target_probs[first] - draft_probs[first], 0.0)
    return n, residual / residual.sum()

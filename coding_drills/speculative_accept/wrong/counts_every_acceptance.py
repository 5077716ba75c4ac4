# Mistake: n_accepted counts every token that passes its test, also after the first
# rejection: a token drafted after a rejected one was conditioned on a wrong prefix.
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

# Mistake: after a rejection the next token is drawn from the target p itself instead of the
# residual max(0, p - q) normalised: the output distribution is then no longer p (the
# accepted mass is counted twice).
import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    k = draft_probs.shape[0]
    for i in range(k):
        t = draft_tokens[i]
        if not u[i] < min(1.0, target_probs[i, t] / draft_probs[i, t]):
            return i, target_probs[i].copy()
    return k, target_probs[k].copy()

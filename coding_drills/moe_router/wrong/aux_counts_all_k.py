# Mistake: f_e counts all k assignments, not only the top-1
# Here f_e is expert e's share of all N·k assignments. The pinned Switch-Transformer loss counts
# only each token's top-1 expert: f_e = the fraction of tokens whose first choice is e.
# Hint: 4
import numpy as np


def moe_router(x, w_gate, k):
    n, e = x.shape[0], w_gate.shape[0]
    logits = x @ w_gate.T
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = probs / probs.sum(axis=-1, keepdims=True)
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    top = np.take_along_axis(probs, experts, axis=-1)
    f = np.bincount(experts.ravel(), minlength=e) / (n * k)
    return top / top.sum(axis=-1, keepdims=True), experts, e * np.sum(f * probs.mean(axis=0))

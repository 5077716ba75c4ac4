import numpy as np


def moe_router(x, w_gate, k):
    """Softmax over experts, a stable sort for the top k, renormalise; Switch aux loss."""
    n, e = x.shape[0], w_gate.shape[0]
    logits = x @ w_gate.T
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = probs / probs.sum(axis=-1, keepdims=True)
    order = np.argsort(-probs, axis=-1, kind="stable")  # ties: lower index first
    experts = order[:, :k]
    top = np.take_along_axis(probs, experts, axis=-1)
    weights = top / top.sum(axis=-1, keepdims=True)
    f = np.bincount(experts[:, 0], minlength=e) / n
    aux_loss = e * np.sum(f * probs.mean(axis=0))
    return weights, experts, aux_loss

import numpy as np


def causal_attention(q, k, v):
    """Attention with a bottom-right aligned causal mask (queries = last Sq positions)."""
    sq, sk = q.shape[-2], k.shape[-2]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])  # (..., Sq, Sk)
    allowed = np.tril(np.ones((sq, sk), dtype=bool), k=sk - sq)
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / np.sum(w, axis=-1, keepdims=True)
    return w @ v

# Mistake: every query head uses KV head 0 (as in MQA), ignoring the other KV heads.
import numpy as np


def grouped_query_attention(q, k, v):
    k = k[:, :1]
    v = v[:, :1]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / w.sum(axis=-1, keepdims=True)) @ v

import numpy as np


def multi_head_attention(x, w_q, w_k, w_v, w_o, n_heads, causal=False):
    """Multi-head self-attention without biases.

    x: (B, S, d_model); w_q, w_k, w_v, w_o: (d_model, d_model), applied as x @ w.
    n_heads divides d_model; causal=True masks keys after each query.
    Returns (B, S, d_model).
    """
    raise NotImplementedError

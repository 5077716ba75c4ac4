import numpy as np


def cross_attention(x, context, w_q, w_k, w_v, w_o, n_heads):
    """Multi-head cross-attention without biases or masks.

    x: (B, S_q, d_model) queries; context: (B, S_kv, d_ctx) keys and values.
    Weights (out, in), applied as t @ w.T: w_q, w_o (d_model, d_model); w_k, w_v (d_model, d_ctx).
    n_heads divides d_model. Returns (B, S_q, d_model).
    """
    raise NotImplementedError

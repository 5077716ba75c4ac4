import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k) + mask) v.

    q: (..., Sq, D), k: (..., Sk, D), v: (..., Sk, Dv), float64; `...` = leading batch axes.
    mask: None, or a bool array broadcastable to (..., Sq, Sk); True = may attend.
    Returns (..., Sq, Dv).
    """
    raise NotImplementedError

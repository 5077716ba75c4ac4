import numpy as np


def causal_attention(q, k, v):
    """Causal scaled dot-product attention where the queries are the last Sq positions.

    q: (..., Sq, D), k: (..., Sk, D), v: (..., Sk, Dv), Sk >= Sq.
    Query i (absolute position i + Sk - Sq) attends to keys j <= i + Sk - Sq.
    Returns (..., Sq, Dv).
    """
    raise NotImplementedError

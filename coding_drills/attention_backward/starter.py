import numpy as np


def attention_backward(q, k, v, dout, causal=False):
    """Gradients of out = softmax(q kᵀ / √D + mask) v with respect to q, k and v.

    q: (B, H, Tq, D), k: (B, H, Tk, D), v: (B, H, Tk, Dv), dout: (B, H, Tq, Dv), float64.
    causal=True (only with Tq == Tk): query i sees keys j <= i.
    Returns (dq, dk, dv), shaped like q, k, v.
    """
    raise NotImplementedError

import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    """softmax(q kᵀ / √D + mask) v computed tile by tile, never forming the (Tq, Tk) scores.

    q: (B, H, Tq, D), k: (B, H, Tk, D), v: (B, H, Tk, Dv), float64.
    causal=True (only with Tq == Tk): query i sees keys j <= i.
    block_size: rows of q and of k/v per tile (the last tile may be shorter).
    Keep per query row a running max m, a running sum l and an unnormalised output acc;
    rescale l and acc by exp(m_old - m_new) whenever the max grows. Returns (B, H, Tq, Dv).
    """
    raise NotImplementedError

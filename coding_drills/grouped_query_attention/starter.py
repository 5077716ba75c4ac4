import numpy as np


def grouped_query_attention(q, k, v):
    """Attention where groups of Hq // Hkv consecutive query heads share one K/V head.

    q: (B, Hq, Sq, D), k: (B, Hkv, Sk, D), v: (B, Hkv, Sk, Dv). Query head h uses KV head
    h // (Hq // Hkv). Returns (B, Hq, Sq, Dv).
    """
    raise NotImplementedError

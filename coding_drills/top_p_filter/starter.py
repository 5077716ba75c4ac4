import numpy as np


def top_p_filter(logits, p):
    """Nucleus filtering: keep the smallest set of most likely tokens with total mass >= p.

    logits: (..., V) float64; p: float in (0, 1).
    In decreasing order of probability, token j is kept iff the mass before it is < p.
    Returns logits with the other entries set to -inf.
    """
    raise NotImplementedError

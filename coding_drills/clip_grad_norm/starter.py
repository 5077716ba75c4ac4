import numpy as np


def clip_grad_norm(grads, max_norm):
    """Clip a list of gradients by their global L2 norm.

    grads: list of float64 arrays; max_norm: float.
    Returns (clipped, total_norm): new arrays scaled by min(1, max_norm / (total_norm + 1e-6)),
    and the global norm before clipping.
    """
    raise NotImplementedError

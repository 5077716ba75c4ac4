import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    """One AdamW update (PyTorch's order: decoupled decay, moments, bias-corrected step).

    param, grad, m, v: float64 arrays of the same shape; t: this step's number (1 = first).
    Returns (new_param, new_m, new_v) as new arrays.
    """
    raise NotImplementedError

import numpy as np


def linear_backward(x, w, dy):
    """dx = dy W; dW = dy^T x and db = sum(dy), summed over every leading position."""
    x2 = x.reshape(-1, x.shape[-1])
    dy2 = dy.reshape(-1, dy.shape[-1])
    dx = dy @ w
    dw = dy2.T @ x2
    db = dy2.sum(axis=0)
    return dx, dw, db

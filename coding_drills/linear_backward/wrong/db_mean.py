# Mistake: db averaged over the rows instead of summed.
import numpy as np


def linear_backward(x, w, dy):
    x2 = x.reshape(-1, x.shape[-1])
    dy2 = dy.reshape(-1, dy.shape[-1])
    return dy @ w, dy2.T @ x2, dy2.mean(axis=0)

# Mistake: db averaged over the rows instead of summed
# b is added to every row, so its gradient is the sum of dy over all rows: the loss already
# did any averaging. The mean is N times too small.
# Hint: 3
import numpy as np


def linear_backward(x, w, dy):
    x2 = x.reshape(-1, x.shape[-1])
    dy2 = dy.reshape(-1, dy.shape[-1])
    return dy @ w, dy2.T @ x2, dy2.mean(axis=0)

# Mistake: only the Jacobian's diagonal, y(1 − y)·dy
# That is the sigmoid's derivative, as if each y_i depended on x_i alone: softmax couples every
# output to every logit, and the −y_i·y_j off-diagonal terms are lost.
# Hint: 1
import numpy as np


def softmax_backward(y, dy, axis=-1):
    return y * (1 - y) * dy

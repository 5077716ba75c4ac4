# Mistake: gates read as interleaved per hidden unit, not in blocks
# Each unit's 4 consecutive values are taken as its (i, f, g, o), but PyTorch stacks W_ii, W_if,
# W_ig, W_io one after another: the gates are four contiguous blocks of H.
# Hint: 2
import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
    gates = gates.reshape(gates.shape[0], -1, 4)  # interleaved: i, f, g, o per hidden unit
    i, f, g, o = (gates[..., k] for k in range(4))
    c_new = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c_new), c_new

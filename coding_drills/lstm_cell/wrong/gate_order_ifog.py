# Mistake: gates split as i, f, o, g instead of PyTorch's i, f, g, o
# The third block (PyTorch's cell candidate) gets a sigmoid and acts as the output gate, the
# fourth (the output gate) gets a tanh and acts as the candidate: a different model.
# Hint: 2
import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
    i, f, o, g = np.split(gates, 4, axis=-1)
    c_new = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c_new), c_new

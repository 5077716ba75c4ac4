import numpy as np


def _sigmoid(z):
    # stable for large |z|: exp only ever sees a non-positive argument
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """gates = x W_ih^T + b_ih + h W_hh^T + b_hh, split as (i, f, g, o)."""
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh  # (B, 4H)
    i, f, g, o = np.split(gates, 4, axis=-1)
    i, f, o = _sigmoid(i), _sigmoid(f), _sigmoid(o)
    g = np.tanh(g)
    c_new = f * c + i * g
    h_new = o * np.tanh(c_new)
    return h_new, c_new

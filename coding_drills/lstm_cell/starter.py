import numpy as np


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One step of nn.LSTMCell.

    x: (B, I) float64; h, c: (B, H); w_ih: (4H, I); w_hh: (4H, H); b_ih, b_hh: (4H,).
    The 4H gate rows are stacked in the order i, f, g, o (input, forget, cell, output).
    Returns (h_new, c_new), each (B, H).
    """
    raise NotImplementedError

# Mistake: 10000**(i/d_model) with i the column index of the pair (0, 1, 2, ...) instead of 2i.
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    angles = pos * 10000.0 ** (-np.arange(d_model // 2) / d_model)[None, :]
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe

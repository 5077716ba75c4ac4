# Mistake: cosines in the even columns and sines in the odd ones.
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    angles = pos * 10000.0 ** (-np.arange(0, d_model, 2) / d_model)[None, :]
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.cos(angles)
    pe[:, 1::2] = np.sin(angles)
    return pe

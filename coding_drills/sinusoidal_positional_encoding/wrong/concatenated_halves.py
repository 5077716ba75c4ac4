# Mistake: sines in the first half and cosines in the second (concatenated), not interleaved.
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    angles = pos * 10000.0 ** (-np.arange(0, d_model, 2) / d_model)[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)

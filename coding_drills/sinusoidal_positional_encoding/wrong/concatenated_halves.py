# Mistake: sines and cosines concatenated, not interleaved
# Sines fill the first half and cosines the second; the encoding interleaves them, sin in the
# even columns and cos in the odd ones, each pair sharing one frequency.
# Hint: 3
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    angles = pos * 10000.0 ** (-np.arange(0, d_model, 2) / d_model)[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)

# Mistake: frequency 10000^(−i/d_model) with i the pair index
# Pair i (columns 2i and 2i + 1) has frequency 10000^(−2i/d_model): with i instead of 2i
# the frequencies fall only half as fast, so the slow ones are far too fast.
# Hint: 1
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    angles = pos * 10000.0 ** (-np.arange(d_model // 2) / d_model)[None, :]
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe

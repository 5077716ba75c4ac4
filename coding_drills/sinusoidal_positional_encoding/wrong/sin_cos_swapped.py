# Mistake: cos in the even columns and sin in the odd ones
# The encoding puts sin(pos · ω_i) in column 2i and cos(pos · ω_i) in column 2i + 1;
# swapped, the table looks just as plausible and is not this one.
# Hint: 3
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    angles = pos * 10000.0 ** (-np.arange(0, d_model, 2) / d_model)[None, :]
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.cos(angles)
    pe[:, 1::2] = np.sin(angles)
    return pe

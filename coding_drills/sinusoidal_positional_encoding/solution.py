import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    """Interleaved sin/cos with frequencies 10000**(-2i/d_model)."""
    pos = np.arange(seq_len, dtype=np.float64)[:, None]  # (S, 1)
    inv_freq = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)  # (D/2,)
    angles = pos * inv_freq[None, :]  # (S, D/2)
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe

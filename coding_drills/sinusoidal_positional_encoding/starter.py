import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    """The Transformer's sinusoidal position table.

    seq_len, d_model: ints (d_model even). Returns (seq_len, d_model) float64 with
    PE[p, 2i] = sin(p / 10000**(2i/d_model)) and PE[p, 2i+1] = cos(p / 10000**(2i/d_model)).
    """
    raise NotImplementedError

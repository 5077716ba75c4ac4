import math

import torch


def reference(seq_len, d_model):
    """The formula as in the annotated-Transformer code, in float64."""
    pe = torch.zeros(seq_len, d_model, dtype=torch.float64)
    position = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float64)
                         * (-math.log(10000.0) / d_model))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe

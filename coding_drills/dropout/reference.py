import torch
import torch.nn.functional as F


def reference(x, p, u):
    if p in (0.0, 1.0):  # no randomness left: torch's own dropout (x itself, or zeros)
        return F.dropout(x, p, training=True)
    # F.dropout with its Bernoulli(1 - p) mask replaced by the given draws
    keep = (u >= p).to(x.dtype)
    return x * keep / (1.0 - p)

import numpy as np


def lora_linear(x, weight, bias, lora_a, lora_b, alpha):
    """Base layer plus the low-rank update, scaled by alpha / r."""
    r = lora_a.shape[0]
    return x @ weight.T + bias + (alpha / r) * ((x @ lora_a.T) @ lora_b.T)

# Mistake: the ratio upside down, r / alpha.
import numpy as np


def lora_linear(x, weight, bias, lora_a, lora_b, alpha):
    r = lora_a.shape[0]
    return x @ weight.T + bias + (r / alpha) * ((x @ lora_a.T) @ lora_b.T)

# Mistake: scaling the update by alpha instead of alpha / r.
import numpy as np


def lora_linear(x, weight, bias, lora_a, lora_b, alpha):
    return x @ weight.T + bias + alpha * ((x @ lora_a.T) @ lora_b.T)

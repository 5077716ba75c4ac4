# Mistake: update scaled by α instead of α / r
# LoRA scales the low-rank update by α / r so its size stays roughly independent of the rank;
# scaling by α makes it r times too large (right only for r = 1).
# Hint: 3
import numpy as np


def lora_linear(x, weight, bias, lora_a, lora_b, alpha):
    return x @ weight.T + bias + alpha * ((x @ lora_a.T) @ lora_b.T)

# Mistake: scale upside down: r / α instead of α / r
# The update is off by a factor (r / α)², so it is right only when α = r. LoRA's α / r keeps the
# update's size roughly independent of the rank.
# Hint: 3
import numpy as np


def lora_linear(x, weight, bias, lora_a, lora_b, alpha):
    r = lora_a.shape[0]
    return x @ weight.T + bias + (r / alpha) * ((x @ lora_a.T) @ lora_b.T)

import numpy as np


def lora_linear(x, weight, bias, lora_a, lora_b, alpha):
    """Frozen linear layer plus a LoRA update.

    x: (..., in); weight: (out, in); bias: (out,); lora_a: (r, in); lora_b: (out, r); alpha: float.
    Returns x @ weight.T + bias + (alpha / r) * (x @ lora_a.T) @ lora_b.T, shape (..., out).
    """
    raise NotImplementedError

# Mistake: eps added outside the square root
# This computes x / (√mean(x²) + ε); RMSNorm puts ε inside the root, x / √(mean(x²) + ε).
# The two differ most for vectors with a small RMS.
# Hint: 2
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / (np.sqrt(np.mean(x * x, axis=-1, keepdims=True)) + eps) * weight

# Mistake: the derivative of the tanh approximation (GPT-2's gelu_new), not of the exact erf
# form. Off by up to ~1e-3.
import math

import numpy as np


def gelu_backward(x, dy):
    c = math.sqrt(2.0 / math.pi)
    inner = c * (x + 0.044715 * x**3)
    t = np.tanh(inner)
    d = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * c * (1.0 + 3 * 0.044715 * x * x)
    return dy * d

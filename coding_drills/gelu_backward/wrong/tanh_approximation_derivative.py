# Mistake: the derivative of the tanh approximation, not of exact GELU
# This differentiates GPT-2's gelu_new instead of x·Φ(x) with Φ from erf; the derivative is
# off by up to ~9e-4 (near |x| = 2).
import math

import numpy as np


def gelu_backward(x, dy):
    c = math.sqrt(2.0 / math.pi)
    inner = c * (x + 0.044715 * x**3)
    t = np.tanh(inner)
    d = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * c * (1.0 + 3 * 0.044715 * x * x)
    return dy * d

# Mistake: the tanh approximation (GPT-2's gelu_new), not the exact erf form. Off by up to ~2e-4.
import math

import numpy as np


def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))

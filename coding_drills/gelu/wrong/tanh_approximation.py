# Mistake: the tanh approximation (GPT-2's gelu_new), not the exact erf form
# F.gelu's default (approximate="none") is x·Φ(x) with Φ from erf; the tanh formula is off by
# up to ~5e-4 (near |x| = 2.7): close, but a different function.
import math

import numpy as np


def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))

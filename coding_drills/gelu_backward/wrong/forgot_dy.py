# Mistake: the local derivative GELU'(x), never multiplied by dy
# A backward pass returns the vector-Jacobian product dx = dy · GELU'(x), not the Jacobian
# itself: GELU'(x) alone is right only where dy = 1.
# Hint: 1
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu_backward(x, dy):
    return 0.5 * (1.0 + _erf(x / math.sqrt(2.0))) + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)

# Mistake: returns the local derivative GELU'(x) and never multiplies by the upstream gradient
# dy. Right only where dy = 1.
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu_backward(x, dy):
    return 0.5 * (1.0 + _erf(x / math.sqrt(2.0))) + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)

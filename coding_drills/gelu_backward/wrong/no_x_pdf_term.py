# Mistake: dx = dy * Phi(x): the gate Phi(x) treated as a constant, the x * phi(x) term of the
# product rule dropped. Wrong by up to ~0.13 near |x| = 1.4.
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu_backward(x, dy):
    return dy * 0.5 * (1.0 + _erf(x / math.sqrt(2.0)))

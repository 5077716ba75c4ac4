# Mistake: the x·φ(x) term of the product rule dropped
# dx = dy · Φ(x) treats the gate Φ(x) as a constant. GELU'(x) = Φ(x) + x·φ(x), and the missing
# term is as large as ~0.24, at |x| = 1.
# Hint: 2
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu_backward(x, dy):
    return dy * 0.5 * (1.0 + _erf(x / math.sqrt(2.0)))

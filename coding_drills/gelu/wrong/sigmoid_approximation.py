# Mistake: the sigmoid approximation x·σ(1.702x), not the exact GELU
# A cheap stand-in for x·Φ(x), off by up to ~2e-2 (near |x| = 2.3). F.gelu's default is the
# exact form, with Φ(x) = (1 + erf(x/√2)) / 2.
import numpy as np


def gelu(x):
    return x / (1.0 + np.exp(-1.702 * x))

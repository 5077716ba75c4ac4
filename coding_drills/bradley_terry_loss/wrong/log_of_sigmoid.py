# Mistake: −log(sigmoid(Δ)) computed literally
# For Δ = −1000, exp(1000) overflows to inf, so sigmoid(Δ) is 0 in float64 and −log 0 = inf.
# The same value, log(1 + e^{−Δ}), can be computed without overflow.
# Hint: 3
import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    d = r_chosen - r_rejected
    return np.mean(-np.log(1.0 / (1.0 + np.exp(-d))))

# Mistake: -log(sigmoid(delta)) computed literally: sigmoid(-1000) is 0 in float64 (exp
# overflows) and -log(0) = inf.
import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    d = r_chosen - r_rejected
    return np.mean(-np.log(1.0 / (1.0 + np.exp(-d))))

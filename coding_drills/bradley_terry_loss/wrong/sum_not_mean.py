# Mistake: summed over the batch instead of averaged
# The loss, and the scale of its gradient, then grow with the batch size; the loss is the
# mean of −log σ(Δ) over the pairs.
# Hint: 2
import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    return np.sum(np.logaddexp(0.0, -(r_chosen - r_rejected)))

# Mistake: summed over the batch instead of averaged: the loss and its gradient scale grow
# with the batch size.
import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    return np.sum(np.logaddexp(0.0, -(r_chosen - r_rejected)))

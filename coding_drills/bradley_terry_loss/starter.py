import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    """Mean of -log sigmoid(r_chosen - r_rejected) over the batch.

    r_chosen, r_rejected: (B,) float64 rewards. Returns a scalar.
    Must stay finite for margins of ±1000.
    """
    raise NotImplementedError

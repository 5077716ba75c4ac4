import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    """-log sigmoid(delta) as logaddexp(0, -delta): finite for every margin."""
    return np.mean(np.logaddexp(0.0, -(r_chosen - r_rejected)))

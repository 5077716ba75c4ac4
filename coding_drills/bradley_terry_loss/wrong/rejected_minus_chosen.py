# Mistake: the margin's sign flipped (rejected - chosen): minimising it would teach the
# reward model to prefer the rejected answers.
import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    return np.mean(np.logaddexp(0.0, -(r_rejected - r_chosen)))

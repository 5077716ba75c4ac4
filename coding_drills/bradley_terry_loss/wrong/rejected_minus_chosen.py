# Mistake: margin sign flipped (rejected − chosen)
# The margin is Δ = r_chosen − r_rejected; with the sign flipped, minimising the loss would
# teach the reward model to prefer the rejected answers.
# Hint: 1
import numpy as np


def bradley_terry_loss(r_chosen, r_rejected):
    return np.mean(np.logaddexp(0.0, -(r_rejected - r_chosen)))

# Mistake: returns the objective, not the loss (sign flipped)
# mean(min(r·A, clip(r)·A)) is to be maximised; the loss is its negative. Minimising the
# objective itself pushes the policy away from high-advantage actions.
# Hint: 3
import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(logp_new - logp_old)
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages
    return np.mean(np.minimum(ratio * advantages, clipped))

# Mistake: returning the objective mean(min(...)) instead of the loss -mean(min(...)):
# minimising it would push the policy away from high-advantage actions.
import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(logp_new - logp_old)
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages
    return np.mean(np.minimum(ratio * advantages, clipped))

# Mistake: the max of the two terms instead of the min: an optimistic bound that lets the
# ratio run away in whichever direction increases the objective.
import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(logp_new - logp_old)
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages
    return -np.mean(np.maximum(ratio * advantages, clipped))

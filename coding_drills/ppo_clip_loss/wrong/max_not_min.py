# Mistake: max of the two terms instead of the min
# The max is an optimistic bound: clipping no longer caps the gain, so the ratio can run away
# in whichever direction increases the objective. PPO keeps the pessimistic min.
# Hint: 2
import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(logp_new - logp_old)
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages
    return -np.mean(np.maximum(ratio * advantages, clipped))

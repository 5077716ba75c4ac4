# Mistake: the clipped term alone, without the min against r * A. For A > 0 with r < 1 - eps
# (and A < 0 with r > 1 + eps) PPO keeps the unclipped, more pessimistic term.
import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(logp_new - logp_old)
    return -np.mean(np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages)

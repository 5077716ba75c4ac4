# Mistake: clipped term alone, without the min against r·A
# PPO takes min(r·A, clip(r)·A): for A > 0 with r < 1 − ε (and A < 0 with r > 1 + ε) the
# unclipped term is the smaller, more pessimistic one, and PPO keeps it.
# Hint: 2
import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(logp_new - logp_old)
    return -np.mean(np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages)

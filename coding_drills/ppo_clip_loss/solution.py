import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    """The ratio from the log-ratio (no underflow); the min keeps the pessimistic term."""
    ratio = np.exp(logp_new - logp_old)
    unclipped = ratio * advantages
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages
    return -np.mean(np.minimum(unclipped, clipped))

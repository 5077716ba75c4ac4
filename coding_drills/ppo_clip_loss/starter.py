import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    """PPO clipped surrogate loss: -mean(min(r * A, clip(r, 1 - eps, 1 + eps) * A)).

    logp_new, logp_old, advantages: float64 arrays of one shape ((N,) or (B, T)).
    r = exp(logp_new - logp_old). Returns a scalar: the mean over every element.
    """
    raise NotImplementedError

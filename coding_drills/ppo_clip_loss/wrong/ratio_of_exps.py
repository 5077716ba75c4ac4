# Mistake: ratio as exp(logp_new) / exp(logp_old)
# Equal on paper, but sequence log-probabilities like −800 underflow exp to 0, and 0 / 0 is
# NaN. Exponentiate the difference of the log-probabilities instead.
# Hint: 1
import numpy as np


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(logp_new) / np.exp(logp_old)
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages
    return -np.mean(np.minimum(ratio * advantages, clipped))

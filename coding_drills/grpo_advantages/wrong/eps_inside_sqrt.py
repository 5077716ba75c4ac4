# Mistake: eps inside the square root, √(var + eps)
# With eps = 1e-4 that is a floor of 0.01 on the std, far larger than std + 1e-4 for small
# spreads. The pinned form adds eps to the sample std, outside the root.
# Hint: 3
import numpy as np


def grpo_advantages(rewards, group_size):
    grouped = rewards.reshape(-1, group_size)
    mean = grouped.mean(axis=1, keepdims=True)
    var = grouped.var(axis=1, ddof=1, keepdims=True)
    return ((grouped - mean) / np.sqrt(var + 1e-4)).reshape(-1)

# Mistake: population std (divide by G), not the sample std
# NumPy's std divides by G by default. The pinned convention is torch.std's sample std (divide
# by G − 1), as TRL's GRPOTrainer uses: for G = 2 the advantages are ±0.707, not ±1.
# Hint: 2
import numpy as np


def grpo_advantages(rewards, group_size):
    grouped = rewards.reshape(-1, group_size)
    mean = grouped.mean(axis=1, keepdims=True)
    std = grouped.std(axis=1, keepdims=True)
    return ((grouped - mean) / (std + 1e-4)).reshape(-1)

# Mistake: the population std (np.std's default ddof=0, divide by G). The pinned convention is
# torch.std's default, the sample std (ddof=1, divide by G - 1) — what TRL's GRPOTrainer uses.
import numpy as np


def grpo_advantages(rewards, group_size):
    grouped = rewards.reshape(-1, group_size)
    mean = grouped.mean(axis=1, keepdims=True)
    std = grouped.std(axis=1, keepdims=True)
    return ((grouped - mean) / (std + 1e-4)).reshape(-1)

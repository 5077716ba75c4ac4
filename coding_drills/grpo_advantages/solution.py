import numpy as np

EPS = 1e-4


def grpo_advantages(rewards, group_size):
    """One row per prompt: normalise within the row, then flatten back."""
    grouped = rewards.reshape(-1, group_size)  # consecutive completions share a prompt
    mean = grouped.mean(axis=1, keepdims=True)
    std = grouped.std(axis=1, ddof=1, keepdims=True)  # sample std, as torch.std
    return ((grouped - mean) / (std + EPS)).reshape(rewards.shape)

# Mistake: groups read as interleaved instead of consecutive
# Here reward k is put in the group of prompt k mod n_prompts. The G completions of a prompt
# are consecutive: rewards g·G to (g+1)·G − 1 belong to prompt g.
# Hint: 1
import numpy as np


def grpo_advantages(rewards, group_size):
    grouped = rewards.reshape(group_size, -1)  # (G, n_prompts): columns as groups
    mean = grouped.mean(axis=0, keepdims=True)
    std = grouped.std(axis=0, ddof=1, keepdims=True)
    return ((grouped - mean) / (std + 1e-4)).reshape(-1)

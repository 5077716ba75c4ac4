# Mistake: groups read as interleaved (element k belongs to prompt k % n_prompts) via
# reshape(group_size, -1). The G completions of a prompt are consecutive: reshape(-1, G).
import numpy as np


def grpo_advantages(rewards, group_size):
    grouped = rewards.reshape(group_size, -1)  # (G, n_prompts): columns as groups
    mean = grouped.mean(axis=0, keepdims=True)
    std = grouped.std(axis=0, ddof=1, keepdims=True)
    return ((grouped - mean) / (std + 1e-4)).reshape(-1)

# Mistake: the mean and std of the whole batch instead of each prompt's group. GRPO's baseline
# is the *group* mean: a completion is compared with the others for the same prompt, so easy
# and hard prompts do not shift each other's advantages.
import numpy as np


def grpo_advantages(rewards, group_size):
    return (rewards - rewards.mean()) / (rewards.std(ddof=1) + 1e-4)

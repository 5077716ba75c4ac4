import numpy as np


def grpo_advantages(rewards, group_size):
    """Group-relative advantages of GRPO (DeepSeekMath).

    rewards: (N,) float64, N = n_prompts * group_size; rewards[g*G:(g+1)*G] are the G
    completions of prompt g (consecutive). group_size G >= 2.
    Returns (N,): (r - mean of its group) / (sample std of its group + 1e-4), the std with
    ddof=1 (divide by G - 1).
    """
    raise NotImplementedError

def reference(rewards, group_size):
    """As TRL's GRPOTrainer: torch's default (unbiased) std per group, eps = 1e-4 added to it."""
    grouped = rewards.view(-1, group_size)
    mean = grouped.mean(dim=1).repeat_interleave(group_size)
    std = grouped.std(dim=1).repeat_interleave(group_size)
    return (rewards - mean) / (std + 1e-4)

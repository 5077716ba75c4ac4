import math

import torch


def reference(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    """torch's LambdaLR over an SGD optimizer with base lr = max_lr; the learning rate in the
    optimizer after `step` scheduler steps (a scheduler resumed at last_epoch = step - 1)."""

    def factor(s):  # multiplies the base lr, max_lr
        if s < warmup_steps:
            return s / warmup_steps
        if s > total_steps:
            return min_lr / max_lr
        cosine = 0.5 * (1.0 + math.cos(math.pi * (s - warmup_steps) / (total_steps - warmup_steps)))
        return (min_lr + (max_lr - min_lr) * cosine) / max_lr

    param = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([param], lr=max_lr)
    opt.param_groups[0]["initial_lr"] = max_lr

    def lr_at(s):
        torch.optim.lr_scheduler.LambdaLR(opt, factor, last_epoch=int(s) - 1)
        return opt.param_groups[0]["lr"]

    if not isinstance(step, torch.Tensor):
        return lr_at(step)
    flat = [lr_at(s) for s in step.reshape(-1).tolist()]
    return torch.tensor(flat, dtype=torch.float64).reshape(step.shape)

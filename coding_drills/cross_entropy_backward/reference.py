import torch.nn.functional as F


def reference(logits, targets, ignore_index=-100):
    logits = logits.clone().requires_grad_(True)
    F.cross_entropy(logits, targets, ignore_index=ignore_index).backward()
    return logits.grad

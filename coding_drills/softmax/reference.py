import torch


def reference(x, axis=-1):
    return torch.softmax(x, dim=axis)

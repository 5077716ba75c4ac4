import torch.nn.functional as F


def reference(x):
    return F.gelu(x, approximate="none")

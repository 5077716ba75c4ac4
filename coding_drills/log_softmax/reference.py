import torch.nn.functional as F


def reference(x, axis=-1):
    return F.log_softmax(x, dim=axis)

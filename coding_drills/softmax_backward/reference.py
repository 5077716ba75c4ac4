import torch


def reference(y, dy, x, axis=-1):
    """Autograd through torch.softmax from the hidden logits x with upstream gradient dy."""
    x = x.clone().requires_grad_(True)
    out = torch.softmax(x, dim=axis)
    out.backward(dy)
    return x.grad

import torch


def reference(X, k):
    n = X.shape[0]
    centred = X - X.mean(dim=0, keepdim=True)
    _, s, vh = torch.linalg.svd(centred, full_matrices=False)
    components = vh[:k]
    biggest = components.abs().argmax(dim=1, keepdim=True)  # first maximum on ties
    components = components * torch.sign(components.gather(1, biggest))
    return components, s[:k] ** 2 / (n - 1)

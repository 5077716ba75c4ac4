import torch


def reference(logits, temperature, u):
    """Greedy for temperature 0; else the first token whose cumulative probability exceeds u
    (torch.searchsorted with right=True), in vocabulary order."""
    if temperature == 0:
        return torch.argmax(logits, dim=-1)  # the first maximum on ties
    probs = torch.softmax(logits / temperature, dim=-1)
    cdf = torch.cumsum(probs, dim=-1)
    u = torch.as_tensor(u, dtype=cdf.dtype)
    index = torch.searchsorted(cdf, u.unsqueeze(-1), right=True).squeeze(-1)
    return index.clamp(max=logits.shape[-1] - 1)

import torch


def reference(x, positions, base=10000.0):
    """The rotation as a complex product (x1 + i x2) * exp(i theta), on the half-split pairs."""
    d = x.shape[-1]
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    theta = torch.outer(positions.to(torch.float64), inv_freq)  # (S, D/2)
    z = torch.complex(x[..., : d // 2], x[..., d // 2:]) * torch.polar(torch.ones_like(theta), theta)
    return torch.cat([z.real, z.imag], dim=-1)

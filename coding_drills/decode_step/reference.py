import torch
import torch.nn.functional as F


def reference(q_t, k_cache, v_cache, k_t, v_t, q_prev):
    """The last row of full causal attention over all T + 1 tokens. q_prev (B, H, T, D), the
    earlier tokens' queries, is an extra only the reference sees: it cannot change the last
    row, which is the point."""
    k = torch.cat([k_cache, k_t], dim=2)
    v = torch.cat([v_cache, v_t], dim=2)
    q = torch.cat([q_prev, q_t], dim=2)
    full = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # (B, H, T + 1, D)
    return full[:, :, -1:, :], k, v

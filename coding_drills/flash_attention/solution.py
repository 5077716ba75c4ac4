import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    """FlashAttention-2 forward: outer loop over query tiles, inner over key tiles."""
    *lead, tq, d = q.shape
    tk, dv = k.shape[-2], v.shape[-1]
    scale = 1.0 / np.sqrt(d)
    out = np.empty((*lead, tq, dv))
    for i0 in range(0, tq, block_size):
        i1 = min(i0 + block_size, tq)
        qi = q[..., i0:i1, :] * scale
        m = np.full((*lead, i1 - i0, 1), -np.inf)
        l = np.zeros((*lead, i1 - i0, 1))
        acc = np.zeros((*lead, i1 - i0, dv))
        k_end = min(tk, i1) if causal else tk  # causal: tiles right of the diagonal are skipped
        for j0 in range(0, k_end, block_size):
            j1 = min(j0 + block_size, k_end)
            s = qi @ np.swapaxes(k[..., j0:j1, :], -1, -2)  # (..., bq, bk): one tile only
            if causal and j1 - 1 > i0:  # a tile that crosses the diagonal
                rows = np.arange(i0, i1)[:, None]
                cols = np.arange(j0, j1)[None, :]
                s = np.where(cols <= rows, s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            p = np.exp(s - m_new)
            alpha = np.exp(m - m_new)  # rescales what was summed under the old max
            l = alpha * l + p.sum(axis=-1, keepdims=True)
            acc = alpha * acc + p @ v[..., j0:j1, :]
            m = m_new
        out[..., i0:i1, :] = acc / l
    return out

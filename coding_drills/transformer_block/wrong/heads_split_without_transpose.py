# Mistake: heads split by a bare reshape to (B, H, T, dh)
# Reshaping (B, T, D) straight to (B, H, T, dh) cuts the sequence, not the features, into
# heads: reshape to (B, T, H, dh), then swap T and H (and back before the output projection).
# Hint: 2
import numpy as np


def _layer_norm(x, w, b, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) * w + b


def _gelu_tanh(x):
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))


def transformer_block(x, params, n_heads):
    (ln1_w, ln1_b, attn_w, attn_b, proj_w, proj_b,
     ln2_w, ln2_b, fc_w, fc_b, fc_proj_w, fc_proj_b) = params
    b, t, d = x.shape
    dh = d // n_heads
    qkv = _layer_norm(x, ln1_w, ln1_b) @ attn_w.T + attn_b
    q, k, v = (a.reshape(b, n_heads, t, dh) for a in np.split(qkv, 3, -1))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    s = np.where(np.tril(np.ones((t, t), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    att = (p @ v).reshape(b, t, d)
    x = x + att @ proj_w.T + proj_b
    h = _layer_norm(x, ln2_w, ln2_b)
    return x + _gelu_tanh(h @ fc_w.T + fc_b) @ fc_proj_w.T + fc_proj_b

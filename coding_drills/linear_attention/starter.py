import numpy as np


def linear_attention(q, k, v, causal=False):
    """Linear attention with phi(x) = elu(x) + 1 (Katharopoulos et al., 2020).

    q, k: (B, H, S, D); v: (B, H, S, M). No 1/sqrt(D) scaling, no eps.
    out_i = phi(q_i) . sum_j phi(k_j) v_j^T / (phi(q_i) . sum_j phi(k_j)), the sums over all j,
    or over j <= i (prefix sums) when causal. Returns (B, H, S, M).
    """
    raise NotImplementedError

import numpy as np

from flashdeck.drills.case import Case


def _case(name, n, c_in, hw, c_out, k, seed, note="", bias=True, **kw):
    rng = np.random.default_rng(seed)
    kh, kw_ = (k, k) if np.isscalar(k) else k
    fan_in = c_in * kh * kw_
    inputs = {"x": rng.normal(size=(n, c_in) + tuple(hw)),
              "weight": rng.normal(size=(c_out, c_in, kh, kw_)) / np.sqrt(fan_in),
              "bias": rng.normal(size=c_out) * 0.1 if bias else None, **kw}
    return Case(name, inputs, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        _case("pointwise_1x1", 1, 3, (4, 5), 2, 1, 0,
              note="N=1, a 1x1 kernel: a matrix product over channels at every pixel"),
        _case("single_channel_3x3", 1, 1, (5, 5), 1, 3, 1,
              note="C_in = C_out = 1: an asymmetric kernel, so a flipped one gives other values"),
    ]
    for seed in (2, 3, fresh_seed):
        out.append(_case(f"odd_3x5_seed{seed}", 2, 3, (7, 9), 5, 3, seed,
                         note="odd sizes, 3x3, no padding"))
    out.extend([
        _case("same_padding", 2, 4, (6, 7), 3, 3, 4, padding=1,
              note="3x3 with padding 1: output H, W = input H, W"),
        _case("stride_2_padding_2", 2, 3, (9, 8), 4, 5, 5, stride=2, padding=2,
              note="5x5, stride 2, padding 2: H_out = (H + 2p - k) // s + 1"),
        _case("stride_leaves_remainder", 1, 2, (8, 10), 3, 3, 6, stride=3,
              note="stride 3 on 8x10: trailing rows and columns fit no window"),
        _case("rectangular", 2, 3, (7, 8), 2, (3, 2), 7, stride=[2, 1], padding=[1, 0],
              note="kernel (3, 2), stride (2, 1), padding (1, 0): H and W kept apart"),
        _case("kernel_covers_input", 3, 2, (4, 4), 5, 4, 8,
              note="kernel = input size: output (N, C_out, 1, 1), a fully connected layer"),
        _case("no_bias", 2, 3, (6, 6), 4, 3, 9, bias=False, padding=1,
              note="bias=None"),
        _case(f"realistic_seed{fresh_seed}", 4, 16, (32, 32), 32, 3, fresh_seed, padding=1,
              note="a ResNet-style layer: (4, 16, 32, 32), 32 filters of 3x3, padding 1"),
    ])
    return out

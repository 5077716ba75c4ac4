import numpy as np

from flashdeck.drills.case import Case


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def _case(name, n, c_in, hw, c_out, k, seed, stride=1, padding=0, note=""):
    rng = np.random.default_rng(seed)
    kh, kw = _pair(k)
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    h_out = (hw[0] + 2 * ph - kh) // sh + 1
    w_out = (hw[1] + 2 * pw - kw) // sw + 1
    inputs = {"x": rng.normal(size=(n, c_in) + tuple(hw)),
              "weight": rng.normal(size=(c_out, c_in, kh, kw)) / np.sqrt(c_in * kh * kw),
              "dy": rng.normal(size=(n, c_out, h_out, w_out)),
              "stride": stride, "padding": padding}
    return Case(name, inputs, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        _case("pointwise_1x1", 1, 3, (4, 5), 2, 1, 0,
              note="N=1, 1x1 kernel: dx = weightᵀ dy and dweight = dy xᵀ at every pixel"),
        _case("single_channel_3x3", 1, 1, (5, 5), 1, 3, 1,
              note="C_in = C_out = 1, 3x3: overlapping windows add up in dx"),
    ]
    for seed in (2, 3, fresh_seed):
        out.append(_case(f"odd_seed{seed}", 2, 3, (7, 9), 5, 3, seed,
                         note="odd sizes, 3x3, stride 1, no padding"))
    out.extend([
        _case("same_padding", 2, 4, (6, 7), 3, 3, 4, padding=1,
              note="padding 1: dx is cropped back to (H, W); border pixels get fewer terms"),
        _case("stride_2_padding_2", 2, 3, (9, 8), 4, 5, 5, stride=2, padding=2,
              note="5x5, stride 2, padding 2: windows still overlap"),
        _case("stride_leaves_remainder", 1, 2, (8, 10), 3, 3, 6, stride=3,
              note="stride 3 on 8x10: trailing rows/columns are never read, so their dx is 0"),
        _case("rectangular", 2, 3, (7, 8), 2, (3, 2), 7, stride=[2, 1], padding=[1, 0],
              note="kernel (3, 2), stride (2, 1), padding (1, 0): H and W kept apart"),
        _case("kernel_covers_input", 3, 2, (4, 4), 5, 4, 8,
              note="kernel = input: one output pixel, dweight = Σ_n dy ⊗ x"),
        _case(f"realistic_seed{fresh_seed}", 4, 16, (16, 16), 32, 3, fresh_seed, padding=1,
              note="a ResNet-style layer: (4, 16, 16, 16), 32 filters of 3x3, padding 1"),
    ])
    return out

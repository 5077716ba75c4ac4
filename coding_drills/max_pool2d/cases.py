import numpy as np

from flashdeck.drills.case import Case


def _case(name, shape, k, s, seed, note="", shift=0.0):
    rng = np.random.default_rng(seed)
    return Case(name, {"x": rng.normal(size=shape) + shift, "kernel_size": k, "stride": s},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [
        Case("one_window", {"x": np.array([[[[1.0, -2.0], [3.5, 0.25]]]]), "kernel_size": 2,
                            "stride": 2}, note="N=C=1, a 2x2 input and a 2x2 window: one max"),
        _case("k2_s2_1x1x4x6", (1, 1, 4, 6), 2, 2, 0, note="the classic 2x2, stride-2 pooling"),
    ]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"k3_s2_odd_seed{seed}", (3, 5, 7, 9), 3, 2, seed,
                         note="odd sizes, overlapping 3x3 windows, stride 2"))
    out.extend([
        _case("remainder_dropped", (2, 3, 7, 5), 2, 2, 3,
              note="H=7, W=5 with 2x2 stride 2: the last row and column fit no window"),
        _case("all_negative", (2, 2, 6, 6), 3, 3, 4, shift=-10.0,
              note="every value is below 0: the running max must start at -inf, not 0"),
        _case("overlapping_stride_1", (1, 2, 5, 6), 3, 1, 5,
              note="stride 1 < kernel 3: windows overlap"),
        _case("stride_above_kernel", (2, 1, 9, 8), 2, 3, 6,
              note="stride 3 > kernel 2: some values are in no window"),
        _case("rectangular_kernel", (2, 3, 8, 9), [2, 3], [1, 2], 7,
              note="kernel (2, 3), stride (1, 2): kh, sh act on H and kw, sw on W"),
        _case("global_pool", (3, 4, 5, 7), [5, 7], 1, 8,
              note="the window is the whole image: one max per channel, output (N, C, 1, 1)"),
        _case("kernel_1", (2, 2, 3, 4), 1, 1, 9, note="kernel 1, stride 1: the identity"),
    ])
    rng = np.random.default_rng(10)
    x = np.round(rng.normal(size=(2, 2, 6, 6)))  # many ties
    out.append(Case("ties", {"x": x, "kernel_size": 2, "stride": 2}, seed=10,
                    note="integer-valued inputs: ties inside windows"))
    out.append(_case(f"realistic_seed{fresh_seed}", (8, 32, 32, 32), 2, 2, fresh_seed,
                     note="a feature map of a small CNN: (8, 32, 32, 32), 2x2 stride 2"))
    return out

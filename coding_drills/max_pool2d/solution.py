import numpy as np


def max_pool2d(x, kernel_size, stride):
    """A running maximum over the kh * kw offsets of each window: one strided slice each."""
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    sh, sw = (stride, stride) if np.isscalar(stride) else stride
    h_out = (x.shape[2] - kh) // sh + 1
    w_out = (x.shape[3] - kw) // sw + 1
    out = np.full(x.shape[:2] + (h_out, w_out), -np.inf)
    for di in range(kh):
        for dj in range(kw):
            # element (di, dj) of every window: rows di, di + sh, ..., columns dj, dj + sw, ...
            patch = x[:, :, di:di + sh * (h_out - 1) + 1:sh, dj:dj + sw * (w_out - 1) + 1:sw]
            out = np.maximum(out, patch)
    return out

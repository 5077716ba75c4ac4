# Mistake: dx as a full convolution with the kernel not flipped
# The transposed convolution needs the kernel rotated by 180°, and with stride > 1 dy must
# first be spread out (zeros between its entries); this does neither.
import numpy as np


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def conv2d_backward(x, weight, dy, stride=1, padding=0):
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    n, c_in, h, w = x.shape
    _, _, kh, kw = weight.shape
    h_out, w_out = dy.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    dweight = np.zeros_like(weight)
    for a in range(kh):
        for b in range(kw):
            rows = slice(a, a + sh * (h_out - 1) + 1, sh)
            cols = slice(b, b + sw * (w_out - 1) + 1, sw)
            dweight[:, :, a, b] = np.einsum("nohw,nchw->oc", dy, xp[:, :, rows, cols])
    dyp = np.pad(dy, ((0, 0), (0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)))
    hp, wp = xp.shape[2:]
    dxp = np.zeros_like(xp)
    for a in range(kh):
        for b in range(kw):
            part = np.einsum("nohw,oc->nchw", dyp[:, :, a:a + h_out + kh - 1, b:b + w_out + kw - 1],
                             weight[:, :, a, b])
            dxp[:, :, :min(hp, part.shape[2]), :min(wp, part.shape[3])] += \
                part[:, :, :min(hp, part.shape[2]), :min(wp, part.shape[3])]
    return dxp[:, :, ph:ph + h, pw:pw + w], dweight, dy.sum(axis=(0, 2, 3))

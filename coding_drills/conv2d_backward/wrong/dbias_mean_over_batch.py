# Mistake: dbias averaged instead of summed
# The bias is added at every pixel of every image, so each one contributes its full gradient:
# dbias[o] is the sum of dy[n, o, i, j] over n, i, j, not the mean.
# Hint: 1
import numpy as np


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def conv2d_backward(x, weight, dy, stride=1, padding=0):
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    _, _, kh, kw = weight.shape
    h, w = x.shape[2:]
    h_out, w_out = dy.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    dxp = np.zeros_like(xp)
    dweight = np.zeros_like(weight)
    for a in range(kh):
        for b in range(kw):
            rows = slice(a, a + sh * (h_out - 1) + 1, sh)
            cols = slice(b, b + sw * (w_out - 1) + 1, sw)
            dweight[:, :, a, b] = np.einsum("nohw,nchw->oc", dy, xp[:, :, rows, cols])
            dxp[:, :, rows, cols] += np.einsum("nohw,oc->nchw", dy, weight[:, :, a, b])
    return dxp[:, :, ph:ph + h, pw:pw + w], dweight, dy.mean(axis=(0, 2, 3))

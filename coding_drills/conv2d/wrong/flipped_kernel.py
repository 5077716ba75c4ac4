# Mistake: kernel flipped (the textbook convolution)
# Deep-learning "convolution", F.conv2d included, is a cross-correlation with the kernel as
# stored: out[i, j] = Σ x[i·s + a, j·s + b] · w[a, b].
# Hint: 2
import numpy as np


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def conv2d(x, weight, bias, stride=1, padding=0):
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    w = weight[:, :, ::-1, ::-1]
    c_out, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out = (xp.shape[2] - kh) // sh + 1
    w_out = (xp.shape[3] - kw) // sw + 1
    out = np.zeros((x.shape[0], c_out, h_out, w_out))
    for a in range(kh):
        for b in range(kw):
            patch = xp[:, :, a:a + sh * (h_out - 1) + 1:sh, b:b + sw * (w_out - 1) + 1:sw]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, a, b])
    if bias is not None:
        out += bias.reshape(1, -1, 1, 1)
    return out

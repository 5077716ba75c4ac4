# Mistake: all the padding on one side
# All 2·padding zeros go after the image (bottom and right) instead of padding on each side:
# the output size is right, but every window is shifted by `padding`.
# Hint: 1
import numpy as np


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def conv2d(x, weight, bias, stride=1, padding=0):
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    c_out, _, kh, kw = weight.shape
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * ph), (0, 2 * pw)))
    h_out = (xp.shape[2] - kh) // sh + 1
    w_out = (xp.shape[3] - kw) // sw + 1
    out = np.zeros((x.shape[0], c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
            out[:, :, i, j] = np.einsum("nchw,ochw->no", window, weight)
    if bias is not None:
        out += bias.reshape(1, -1, 1, 1)
    return out

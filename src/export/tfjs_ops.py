# The playground's tensor operations (src/exercises/ops.ts) with TensorFlow.js's
# names and arguments, on torch tensors, for the reader's optimizer translated
# below: `tf.add(a, b)` is TensorFlow.js's `add(a, b)`. A number becomes a
# float32 scalar, as in TensorFlow.js; `prop` and `Math` stand for JavaScript's
# property access and Math object.


def _t(x):
    if torch.is_tensor(x):
        return x
    return torch.tensor(x) if isinstance(x, bool) else torch.tensor(x, dtype=torch.float32)


def _axes(axis):
    return None if axis is None else tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)


class tf:
    """TensorFlow.js's operations, as the playground's code calls them."""

    add = staticmethod(lambda a, b: _t(a) + _t(b))
    sub = staticmethod(lambda a, b: _t(a) - _t(b))
    mul = staticmethod(lambda a, b: _t(a) * _t(b))
    div = staticmethod(lambda a, b: _t(a) / _t(b))
    sqrt = staticmethod(lambda x: torch.sqrt(_t(x)))
    square = staticmethod(lambda x: _t(x) * _t(x))
    abs = staticmethod(lambda x: torch.abs(_t(x)))
    sign = staticmethod(lambda x: torch.sign(_t(x)))
    maximum = staticmethod(lambda a, b: torch.maximum(_t(a), _t(b)))
    minimum = staticmethod(lambda a, b: torch.minimum(_t(a), _t(b)))
    neg = staticmethod(lambda x: -_t(x))
    zerosLike = staticmethod(lambda x: torch.zeros_like(_t(x)))
    onesLike = staticmethod(lambda x: torch.ones_like(_t(x)))
    fill = staticmethod(lambda shape, value: torch.full(tuple(shape), value, dtype=torch.float32))
    scalar = staticmethod(lambda value: _t(value))
    pow = staticmethod(lambda base, exp: torch.pow(_t(base), _t(exp)))
    exp = staticmethod(lambda x: torch.exp(_t(x)))
    log = staticmethod(lambda x: torch.log(_t(x)))
    clipByValue = staticmethod(lambda x, lo, hi: torch.clamp(_t(x), lo, hi))
    clone = staticmethod(lambda x: _t(x).clone())
    addN = staticmethod(lambda xs: sum(xs[1:], _t(xs[0])))
    greater = staticmethod(lambda a, b: _t(a) > _t(b))
    where = staticmethod(lambda c, a, b: torch.where(_t(c), _t(a), _t(b)))
    logicalAnd = staticmethod(lambda a, b: torch.logical_and(_t(a), _t(b)))

    @staticmethod
    def sum(x, axis=None, keepDims=False):
        x = _t(x)
        return x.sum() if axis is None else x.sum(dim=_axes(axis), keepdim=keepDims)

    @staticmethod
    def mean(x, axis=None, keepDims=False):
        x = _t(x)
        return x.mean() if axis is None else x.mean(dim=_axes(axis), keepdim=keepDims)

    @staticmethod
    def norm(x, ord="euclidean", axis=None, keepDims=False):
        """A vector norm over the axis, or over every entry when there is none (as TensorFlow.js)."""
        x = _t(x)
        if axis is None:
            x, axis = x.reshape(-1), 0
        p = 2 if ord in ("euclidean", "fro") else ord
        if isinstance(axis, (list, tuple)):
            raise NotImplementedError("norm over two axes is not translated")
        return torch.linalg.vector_norm(x, ord=p, dim=axis, keepdim=keepDims)

    @staticmethod
    def matMul(a, b, transposeA=False, transposeB=False):
        a, b = _t(a), _t(b)
        return (a.T if transposeA else a) @ (b.T if transposeB else b)

    @staticmethod
    def transpose(x, perm=None):
        x = _t(x)
        return x.permute(*(perm if perm is not None else reversed(range(x.dim()))))


def prop(x, name, default=None):
    """JavaScript's x.name: a tensor's shape, rank and size, an array's length, an object's entry."""
    if torch.is_tensor(x):
        value = {"shape": lambda: list(x.shape), "rank": x.dim, "size": x.numel}.get(name, lambda: None)()
    elif isinstance(x, (list, tuple, str)):
        value = len(x) if name == "length" else None
    else:
        value = x.get(name) if isinstance(x, dict) else None
    return default if value is None else value


def js_join(xs, sep=","):
    """JavaScript's xs.join(sep): each item as its text, whole numbers without a decimal point."""
    return sep.join(str(int(x)) if isinstance(x, float) and x.is_integer() else str(x) for x in xs)


def unpack(xs, n):
    """JavaScript's const [a, b] = xs: the first n entries, None past the end."""
    xs = list(xs)
    return [*xs[:n], *[None] * max(0, n - len(xs))]


class Math:
    """The part of JavaScript's Math that works on numbers here."""

    PI, E = math.pi, math.e
    sqrt, exp, log, floor, ceil, abs, tanh, hypot = math.sqrt, math.exp, math.log, math.floor, math.ceil, abs, math.tanh, math.hypot
    max, min, pow = max, min, pow
    round = staticmethod(lambda x: math.floor(x + 0.5))
    sign = staticmethod(lambda x: (x > 0) - (x < 0))
    log2, log10, cbrt = math.log2, math.log10, staticmethod(lambda x: math.copysign(abs(x) ** (1 / 3), x))

# The part of every exported script that does not depend on the setup: Descent's
# random streams, data split, initialisation and batch order, ported exactly, so
# PyTorch starts from the same weights and sees the same batches as the widget;
# then the network, the loss, the learning-rate schedule and the training loop.
# The setup (SETUP, and the points of a generated 2-D set) comes before it.

import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

M32 = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M32


class Random:
    """mulberry32, as src/train/random.ts: the same uniform stream, bit for bit."""

    def __init__(self, seed):
        self.state = seed & M32

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & M32
        z = self.state
        z = imul(z ^ (z >> 15), z | 1)
        z ^= (z + imul(z ^ (z >> 7), z | 61)) & M32
        return ((z ^ (z >> 14)) & M32) / 4294967296

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def int(self, n):
        return math.floor(self.next() * n)


def derive_seed(seed, stream):
    """The seed of the independent stream `stream` under `seed` (FNV-1a, then murmur3's avalanche)."""
    h = 0x811C9DC5 ^ (seed & M32)
    for ch in stream:
        h = imul(h ^ ord(ch), 0x01000193)
    h = imul(h ^ (h >> 16), 0x85EBCA6B)
    h = imul(h ^ (h >> 13), 0xC2B2AE35)
    return (h ^ (h >> 16)) & M32


def shuffle(items, random):
    """Fisher–Yates in place, drawing as Descent does."""
    for i in range(len(items) - 1, 0, -1):
        j = random.int(i + 1)
        items[i], items[j] = items[j], items[i]
    return items


class BatchOrder:
    """Every epoch a fresh seeded permutation cut into batches; the last one holds the remainder."""

    def __init__(self, size, batch_size, seed):
        self.size, self.batch_size = size, batch_size
        self.random = Random(seed)
        self.order = list(range(size))
        self.position = 0

    def next(self):
        if self.position == 0:
            shuffle(self.order, self.random)
        end = min(self.position + self.batch_size, self.size)
        batch = self.order[self.position:end]
        self.position = 0 if end == self.size else end
        return batch


SPARSE_FEATURES = 300


def sparse_points(count, random):
    """The sparse bag-of-features set, as src/train/datasets.ts draws it."""
    freq = [0.9 / (1 + j / 4) for j in range(SPARSE_FEATURES)]
    w = [(-1 if random.next() < 0.5 else 1) * (0.5 + (2.5 * j) / (SPARSE_FEATURES - 1)) for j in range(SPARSE_FEATURES)]
    b = -sum(wj * freq[j] for j, wj in enumerate(w))
    x, y = [], []
    for _ in range(count):
        score = b
        row = []
        for j in range(SPARSE_FEATURES):
            on = 1 if random.next() < freq[j] else 0
            row.append(on)
            score += on * w[j]
        x.append(row)
        y.append((1 if score > 0 else 0) ^ (1 if random.next() < 0.05 else 0))
    return x, y


def digits_points(count):
    """The 8×8 digits in their source's order, pixels scaled to [0, 1]: scikit-learn's copy, else the one inlined below."""
    try:
        from sklearn.datasets import load_digits

        d = load_digits()
        return (d.data[:count] / 16).tolist(), d.target[:count].tolist()
    except ImportError:
        records = DIGITS_RECORDS  # noqa: F821 (inlined by the export when the set is the digits)
        x = [[(ord(c) - 97) / 16 for c in records[65 * i + 1:65 * i + 65]] for i in range(count)]
        y = [ord(records[65 * i]) - 48 for i in range(count)]
        return x, y


def dataset(setup):
    """Train and test sets: the points, then Descent's seeded split."""
    name, size, seed = setup["dataset"], setup["size"], setup["seed"]
    if name == "digits":
        x, y = digits_points(size)
    elif name == "sparse":
        x, y = sparse_points(size, Random(derive_seed(seed, "sparse/points")))
    else:
        x, y = POINTS  # noqa: F821 (inlined by the export: generated with noise, in float32)
    order = shuffle(list(range(size)), Random(derive_seed(seed, name + "/split")))
    train_size = max(1, size - round_half_up(size * setup["testFraction"]))
    pick = lambda idx: (
        torch.tensor(np.array([x[i] for i in idx], dtype=np.float32).reshape(len(idx), -1)),
        torch.tensor(np.array([y[i] for i in idx], dtype=np.float32)),
    )
    return pick(order[:train_size]), pick(order[train_size:])


def round_half_up(v):
    """JavaScript's Math.round."""
    return math.floor(v + 0.5)


def network(setup, units):
    """Linear layers with Descent's initialisation: Glorot-uniform weights drawn row by row, zero biases."""
    random = Random(derive_seed(setup["seed"], "init"))
    layers = []
    for fan_in, fan_out in zip(units, units[1:]):
        r = math.sqrt(6 / (fan_in + fan_out))
        layer = torch.nn.Linear(fan_in, fan_out)
        weight = np.zeros((fan_out, fan_in), dtype=np.float32)
        for j in range(fan_out):
            for i in range(fan_in):
                weight[j, i] = random.uniform(-r, r)
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(weight))
            layer.bias.zero_()
        layers.append(layer)
    return layers


ACTIVATIONS = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid, "linear": lambda a: a}


class Mlp(torch.nn.Module):
    def __init__(self, setup, units):
        super().__init__()
        self.layers = torch.nn.ModuleList(network(setup, units))
        self.f = ACTIVATIONS[setup["activation"]]

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self.f(layer(x))
        return self.layers[-1](x)


def loss_fn(setup, classes):
    """Binary cross-entropy on one logit, softmax cross-entropy on k > 2, half the squared error for regression."""
    if setup["task"] == "regression":
        return lambda z, y: 0.5 * ((z.squeeze(1) - y) ** 2).mean()
    if classes > 2:
        return lambda z, y: F.cross_entropy(z, y.long())
    return lambda z, y: F.binary_cross_entropy_with_logits(z.squeeze(1), y)


def cosine_between(a, b, x):
    return b + (a - b) / 2 * (1 + math.cos(math.pi * x))


def learning_rate(schedule, k, lr):
    """The rate of update k + 1 (k from 0), as src/optimizers/schedules.ts."""
    if schedule is None:
        return lr
    s, p = schedule["id"], schedule["params"]
    if s == "constant":
        return lr
    if s == "stepDecay":
        return lr * p["gamma"] ** math.floor(k / p["stepSize"])
    if s == "exponential":
        return lr * p["gamma"] ** k
    if s == "inverseTime":
        return lr / (1 + p["decayRate"] * k / p["decaySteps"])
    T, W = p.get("totalSteps"), p.get("warmupSteps", 0)
    if s in ("cosine", "linear", "wsd") and k < W:  # warm-up reaches lr on its last step
        return lr * (k + 1) / W
    if s == "cosine":
        return cosine_between(lr, p["minLr"], (min(k, T) - W) / (T - W))
    if s == "linear":
        return lr * (T - min(k, T)) / (T - W)
    if s == "wsd":
        D = p["cooldownSteps"]
        if k < T - D or D == 0:
            return lr
        return p["minLr"] + (lr - p["minLr"]) * (T - min(k, T)) / D
    if s == "oneCycle":
        peak_at = p["pctStart"] * T - 1
        start = p["maxLr"] / p["divFactor"]
        step = min(k, T - 1)
        if step <= peak_at:
            return cosine_between(start, p["maxLr"], step / peak_at)
        return cosine_between(p["maxLr"], start / p["finalDivFactor"], (step - peak_at) / (T - 1 - peak_at))
    if s == "triangular":
        cycle = math.floor(1 + k / (2 * p["stepSize"]))
        x = abs(k / p["stepSize"] - 2 * cycle + 1)
        return p["baseLr"] + (p["maxLr"] - p["baseLr"]) * max(0, 1 - x)
    if s in ("linearSweep", "exponentialSweep"):
        at = min(k, T - 1) / (T - 1)
        if s == "linearSweep":
            return p["startLr"] + (p["endLr"] - p["startLr"]) * at
        return p["startLr"] * (p["endLr"] / p["startLr"]) ** at
    raise SystemExit(f"schedule {s!r} is not exported yet")


# torch.optim's rules, with Descent's hyperparameters under PyTorch's names.
# Descent follows torch.optim's conventions for these, so the update is the same.
def _betas(h):
    return (h["beta1"], h["beta2"])


TORCH_RULES = {
    "sgd": (torch.optim.SGD, lambda h: dict(lr=h["lr"])),
    "momentum": (torch.optim.SGD, lambda h: dict(lr=h["lr"], momentum=h["momentum"])),
    "nesterov": (torch.optim.SGD, lambda h: dict(lr=h["lr"], momentum=h["momentum"], nesterov=True)),
    "adagrad": (torch.optim.Adagrad, lambda h: dict(lr=h["lr"], eps=h["eps"], initial_accumulator_value=h["initialAccumulator"])),
    "rmsprop": (torch.optim.RMSprop, lambda h: dict(lr=h["lr"], alpha=h["rho"], eps=h["eps"])),
    "adadelta": (torch.optim.Adadelta, lambda h: dict(lr=h["lr"], rho=h["rho"], eps=h["eps"])),
    "adam": (torch.optim.Adam, lambda h: dict(lr=h["lr"], betas=_betas(h), eps=h["eps"])),
    "amsgrad": (torch.optim.Adam, lambda h: dict(lr=h["lr"], betas=_betas(h), eps=h["eps"], amsgrad=True)),
    "adamw": (torch.optim.AdamW, lambda h: dict(lr=h["lr"], betas=_betas(h), eps=h["eps"], weight_decay=h["weightDecay"])),
    "adamax": (torch.optim.Adamax, lambda h: dict(lr=h["lr"], betas=_betas(h), eps=h["eps"])),
    # foreach: torch 1.13's single-tensor NAdam multiplies μ_t into the next product twice (fixed in 2.0); its foreach path is right.
    "nadam": (torch.optim.NAdam, lambda h: dict(lr=h["lr"], betas=_betas(h), eps=h["eps"], momentum_decay=h["momentumDecay"], foreach=True)),
    "radam": (torch.optim.RAdam, lambda h: dict(lr=h["lr"], betas=_betas(h), eps=h["eps"])),
}


class DescentRule(torch.optim.Optimizer):
    """A rule that torch.optim (1.13) lacks, written the way Descent writes its
    optimizers (src/optimizers/types.ts), so that each class reads line by line
    against its TypeScript: `init(param)` makes one tensor's state, and
    `update(param, grad, state, hp, t)` returns the new parameter and state
    without changing its inputs (t counts steps from 1). Each tensor is updated
    on its own: for the rules that look at whole tensors (norms, rows and
    columns, matrix roots) that is the rule, and for the others it is the same
    as updating all at once. Hyperparameters keep Descent's names (lr, beta1, …)."""

    def __init__(self, groups):
        super().__init__(groups, {})
        self.t = 0
        for group in self.param_groups:
            for p in group["params"]:
                self.state[p] = self.init(p.detach())

    @torch.no_grad()
    def step(self):
        self.t += 1
        for group in self.param_groups:
            for p in group["params"]:
                new, self.state[p] = self.update(p, p.grad, self.state[p], group, self.t)
                p.copy_(new)

    def eval_point(self, p, state, hp):
        """Where the model is evaluated: the parameter itself, unless a rule keeps an averaged point."""
        return p


def zeros_like(p):
    return torch.zeros_like(p)


def f32(x):
    """A number as a float32 scalar tensor, as TensorFlow.js keeps it."""
    return torch.tensor(x, dtype=torch.float32)


class Lion(DescentRule):
    """Lion (Chen et al. 2023), src/optimizers/lion.ts."""

    def init(self, p):
        return {"m": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        c = hp["beta1"] * s["m"] + (1 - hp["beta1"]) * g
        new = p - hp["lr"] * (torch.sign(c) + hp["weightDecay"] * p)
        return new, {"m": hp["beta2"] * s["m"] + (1 - hp["beta2"]) * g}


class MomentumKeras(DescentRule):
    """Keras's convention (keras.optimizers.SGD(momentum, nesterov=False)): η inside the
    velocity, v ← μv − ηg, θ ← θ + v. src/optimizers/momentum-keras.ts."""

    def init(self, p):
        return {"v": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        v = hp["momentum"] * s["v"] - hp["lr"] * g
        return p + v, {"v": v}


class NesterovKeras(DescentRule):
    """Keras's convention (keras.optimizers.SGD(momentum, nesterov=True)): v ← μv − ηg,
    θ ← θ + μv − ηg. src/optimizers/nesterov-keras.ts."""

    def init(self, p):
        return {"v": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        v = hp["momentum"] * s["v"] - hp["lr"] * g
        return p + hp["momentum"] * v - hp["lr"] * g, {"v": v}


class RmspropKeras(DescentRule):
    """Keras's and TensorFlow.js's convention (keras.optimizers.RMSprop): ε inside the
    square root, θ ← θ − ηg/√(v + ε). src/optimizers/rmsprop-keras.ts."""

    def init(self, p):
        return {"v": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        v = hp["rho"] * s["v"] + (1 - hp["rho"]) * g * g
        return p - hp["lr"] * g / torch.sqrt(v + hp["eps"]), {"v": v}


class AdagradKeras(DescentRule):
    """Keras's convention (keras.optimizers.Adagrad): the sum starts at s₀ (0.1) and ε
    sits inside the square root. src/optimizers/adagrad-keras.ts."""

    def init(self, p):
        return {"s": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        prev = s["s"] + hp["initialAccumulator"] if t == 1 else s["s"]  # s₀ joins on the first step, as in Descent
        total = prev + g * g
        return p - hp["lr"] * g / torch.sqrt(total + hp["eps"]), {"s": total}


class AdamKeras(DescentRule):
    """Keras's convention (keras.optimizers.Adam): both bias corrections folded into the
    step size, ε̂ added to the uncorrected √v. src/optimizers/adam-keras.ts."""

    def init(self, p):
        return {"m": zeros_like(p), "v": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        b1, b2 = hp["beta1"], hp["beta2"]
        m = b1 * s["m"] + (1 - b1) * g
        v = b2 * s["v"] + (1 - b2) * g * g
        alpha = hp["lr"] * math.sqrt(1 - b2**t) / (1 - b1**t)
        return p - alpha * m / (torch.sqrt(v) + hp["eps"]), {"m": m, "v": v}


class AdamNoBias(DescentRule):
    """Adam without its bias correction: no framework's convention, Descent's teaching
    variant (src/optimizers/adam-nobias.ts)."""

    def init(self, p):
        return {"m": zeros_like(p), "v": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        b1, b2 = hp["beta1"], hp["beta2"]
        m = b1 * s["m"] + (1 - b1) * g
        v = b2 * s["v"] + (1 - b2) * g * g
        return p - hp["lr"] * m / (torch.sqrt(v) + hp["eps"]), {"m": m, "v": v}


class Muon(DescentRule):
    """Muon, src/optimizers/muon.ts: torch.optim.Muon (PyTorch >= 2.9) with
    adjust_lr_fn="original", except that Newton–Schulz runs in float32 (PyTorch's
    in bfloat16). Hidden weight matrices only; the other tensors go to AdamW."""

    def init(self, p):
        return {"buf": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        m, n = p.shape
        a, b, c = 3.4445, -4.775, 2.0315
        mu, lr = hp["momentum"], hp["lr"]
        buf = mu * s["buf"] + (1 - mu) * g
        u = (1 - mu) * g + mu * buf if hp["nesterov"] else buf
        wide = u.T if m > n else u  # iterate on the wide side: X Xᵀ is the smaller Gram matrix
        x = wide / torch.clamp(torch.linalg.norm(wide), min=hp["eps"])
        for _ in range(int(hp["nsSteps"])):
            gram = x @ x.T
            x = a * x + (b * gram + c * (gram @ gram)) @ x
        o = x.T if m > n else x
        decayed = p * (1 - lr * hp["weightDecay"])
        return decayed - lr * math.sqrt(max(1, m / n)) * o, {"buf": buf}


def inverse_root(m, p, floor):
    """M^(−1/p) for a symmetric positive-definite M, in float64 as src/optimizers/linalg.ts
    (eigenvalues below `floor` raised to it), returned in float32."""
    a = m.double()
    values, vectors = torch.linalg.eigh((a + a.T) / 2)
    return ((vectors * values.clamp(min=floor) ** (-1 / p)) @ vectors.T).float()


class Shampoo(DescentRule):
    """Shampoo (Gupta, Koren & Singer 2018, Algorithm 1 with exact roots every step),
    src/optimizers/shampoo.ts: L^(−1/4) G R^(−1/4) for a matrix, H^(−1/2) g for a vector."""

    def init(self, p):
        return {"L": p.new_zeros(p.shape[0], p.shape[0]), "R": p.new_zeros(p.shape[1], p.shape[1])} if p.dim() == 2 else {"H": p.new_zeros(p.shape[0], p.shape[0])}

    def update(self, p, g, s, hp, t):
        eps = hp["eps"]
        start = lambda f: f + eps * torch.eye(f.shape[0]) if t == 1 else f  # εI joins on the first step
        if "L" in s:
            L = start(s["L"]) + g @ g.T
            R = start(s["R"]) + g.T @ g
            step = (inverse_root(L, 4, eps) @ g) @ inverse_root(R, 4, eps)
            return p - hp["lr"] * step, {"L": L, "R": R}
        H = start(s["H"]) + torch.outer(g, g)
        return p - hp["lr"] * (inverse_root(H, 2, eps) @ g), {"H": H}


def rms(x):
    return torch.linalg.norm(x) / math.sqrt(x.numel())


class Adafactor(DescentRule):
    """Adafactor, src/optimizers/adafactor.ts: torch.optim.Adafactor (PyTorch >= 2.5)
    line by line. Matrices keep row and column means of g², vectors the full average."""

    def init(self, p):
        if p.dim() < 2:
            return {"v": zeros_like(p)}
        return {"row": p.new_zeros(*p.shape[:-1], 1), "col": p.new_zeros(*p.shape[:-2], 1, p.shape[-1])}

    def update(self, p, g, s, hp, t):
        lr, eps1 = hp["lr"], hp["eps1"]
        rho = min(lr, 1 / math.sqrt(t))
        alpha = torch.clamp(rms(p), min=hp["eps2"]) * rho
        decayed = p * (1 - lr * hp["weightDecay"])
        w = t ** hp["beta2Decay"]
        if "row" in s:
            row = s["row"] + w * ((g * g).mean(-1, keepdim=True) - s["row"])
            col = s["col"] + w * ((g * g).mean(-2, keepdim=True) - s["col"])
            v_hat = row * col / torch.clamp(row.mean(-2, keepdim=True), min=eps1)
            state = {"row": row, "col": col}
        else:
            v_hat = s["v"] + w * (g * g - s["v"])
            state = {"v": v_hat}
        u = g / torch.sqrt(torch.clamp(v_hat, min=eps1 * eps1))
        return decayed - alpha / torch.clamp(rms(u) / hp["d"], min=1) * u, state


def trust(p_norm, u_norm, ratio):
    """The trust ratio, or 1 when either norm is 0 (a zero-initialised tensor still moves)."""
    return torch.where((p_norm > 0) & (u_norm > 0), ratio, torch.ones_like(p_norm))


class Lamb(DescentRule):
    """LAMB (You et al. 2020), src/optimizers/lamb.ts: optax.lamb, Adam's direction plus
    weight decay, rescaled per tensor by ‖θ‖/‖u‖."""

    def init(self, p):
        return {"m": zeros_like(p), "v": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        b1, b2 = hp["beta1"], hp["beta2"]
        m = b1 * s["m"] + (1 - b1) * g
        v = b2 * s["v"] + (1 - b2) * g * g
        u = (m / (1 - b1**t)) / (torch.sqrt(v / (1 - b2**t)) + hp["eps"]) + hp["weightDecay"] * p
        pn, un = torch.linalg.norm(p), torch.linalg.norm(u)
        return p - hp["lr"] * (trust(pn, un, pn / un) * u), {"m": m, "v": v}


class Lars(DescentRule):
    """LARS (You, Gitman & Ginsburg 2017), src/optimizers/lars.ts: optax.lars, momentum over
    steps already scaled per tensor by κ‖θ‖/(‖g + λθ‖ + ε) and by −η."""

    def init(self, p):
        return {"m": zeros_like(p)}

    def update(self, p, g, s, hp, t):
        u = g + hp["weightDecay"] * p
        pn, un = torch.linalg.norm(p), torch.linalg.norm(u)
        step = -hp["lr"] * (trust(pn, un, hp["trustCoefficient"] * pn / (un + hp["eps"])) * u)
        m = step + hp["momentum"] * s["m"]
        return p + (step + hp["momentum"] * m if hp["nesterov"] else m), {"m": m}


class ScheduleFreeAdamW(DescentRule):
    """Schedule-free AdamW (Defazio et al. 2024), src/optimizers/schedule-free-adamw.ts:
    AdamWScheduleFree.step of facebookresearch/schedule_free. The parameter is y, where
    gradients are taken; the loss is evaluated at the average x = (y − (1−β₁)z)/β₁.
    γ_max and Σw are float32 scalars, as in Descent."""

    def init(self, p):
        return {"z": p.clone(), "v": zeros_like(p), "lrMax": f32(0), "weightSum": f32(0)}

    def update(self, y, g, s, hp, t):
        b1, b2, k = hp["beta1"], hp["beta2"], t - 1
        sched = (k + 1) / hp["warmupSteps"] if k < hp["warmupSteps"] else 1
        lr_k = hp["lr"] * sched * math.sqrt(1 - b2 ** (k + 1))
        lr_max = torch.clamp(s["lrMax"], min=lr_k)
        w = (k + 1) ** hp["r"] * lr_max ** hp["weightLrPower"]
        weight_sum = s["weightSum"] + w
        c = torch.where(weight_sum > 0, w / weight_sum, torch.zeros_like(w))
        v = b2 * s["v"] + (1 - b2) * g * g
        g_hat = g / (torch.sqrt(v) + hp["eps"]) + hp["weightDecay"] * y
        new = y + c * (s["z"] - y) + (lr_k * (b1 * (1 - c) - 1)) * g_hat
        return new, {"z": s["z"] - lr_k * g_hat, "v": v, "lrMax": lr_max, "weightSum": weight_sum}

    def eval_point(self, y, s, hp):
        return (y - (1 - hp["beta1"]) * s["z"]) / hp["beta1"]


# The rules torch.optim lacks, by Descent's id. Playground code, translated, joins them.
DESCENT_RULES = {
    "lion": Lion, "momentum:keras": MomentumKeras, "nesterov:keras": NesterovKeras, "rmsprop:keras": RmspropKeras,
    "adagrad:keras": AdagradKeras, "adam:keras": AdamKeras, "adam:nobias": AdamNoBias,
    "muon": Muon, "shampoo": Shampoo, "adafactor": Adafactor, "lamb": Lamb, "lars": Lars, "schedule-free-adamw": ScheduleFreeAdamW,
}


def optimizers(run, tensors):
    """One optimizer per rule of the run, each with one param group per Descent group
    (src/train/groups.ts): the groups' tensors, hyperparameters and base learning rate."""
    by_rule = {}
    for spec in run["groups"]:
        rule, hp = spec["optimizer"], spec["hyper"]
        group = {"params": [tensors[name] for name in spec["params"]], "base_lr": hp.get("lr"), "no_l2": spec["noL2"]}
        if rule in TORCH_RULES:
            group.update(TORCH_RULES[rule][1](hp))
        elif rule in DESCENT_RULES:
            group.update(hp)
        else:
            raise SystemExit(f"optimizer {rule!r} is not exported yet")
        by_rule.setdefault(rule, []).append(group)
    made = []
    for rule, groups in by_rule.items():
        if rule in TORCH_RULES:  # the first group's settings are the defaults; every group states its own
            cls, names = TORCH_RULES[rule]
            made.append(cls(groups, **{k: v for k, v in groups[0].items() if k not in ("params", "base_lr", "no_l2")}))
        else:
            made.append(DESCENT_RULES[rule](groups))
    return made


class AveragedPoints:
    """While open, parameters of rules that keep an averaged point (schedule-free) hold
    that point, where Descent evaluates the loss; restored on closing."""

    def __init__(self, opts):
        self.swaps = [(p, opt, group) for opt in opts if isinstance(opt, DescentRule) for group in opt.param_groups for p in group["params"]]

    def __enter__(self):
        self.saved = []
        with torch.no_grad():
            for p, opt, group in self.swaps:
                at = opt.eval_point(p, opt.state[p], group)
                if at is not p:
                    self.saved.append((p, p.detach().clone()))
                    p.copy_(at)

    def __exit__(self, *_):
        with torch.no_grad():
            for p, value in self.saved:
                p.copy_(value)


def sam_gradients(params, rho, backward):
    """SAM (Foret et al. 2021; google-research/sam): the gradient at θ + ρ·g/‖g‖, with ‖g‖
    the norm of all gradients together (θ unchanged where it is 0), on the same batch.
    The step is then taken from θ itself, so θ is put back exactly."""
    backward()
    with torch.no_grad():
        norm = torch.sqrt(sum((p.grad * p.grad).sum() for p in params))
        scale = torch.where(norm > 0, rho / norm, torch.zeros_like(norm))
        saved = [p.detach().clone() for p in params]
        for p in params:
            p.add_(scale * p.grad)
    backward()
    with torch.no_grad():
        for p, value in zip(params, saved):
            p.copy_(value)


def train(setup, run, data):
    (x_train, y_train), _ = data
    classes = setup["classes"]
    units = [x_train.shape[1], *setup["hidden"], classes if classes > 2 else 1]
    torch.manual_seed(setup["seed"])
    model = Mlp(setup, units)
    loss = loss_fn(setup, classes)
    tensors = {}
    for i, layer in enumerate(model.layers):
        tensors[f"layer{i + 1}.weight"], tensors[f"layer{i + 1}.bias"] = layer.weight, layer.bias
    params = list(tensors.values())
    opts = optimizers(run, tensors)
    wrap = run["wrap"] or {"sam": 0, "lookahead": 0, "lookaheadAlpha": 0.5}
    # Lookahead (Zhang et al. 2019, as optax.lookahead): slow weights start at θ₀; every k-th
    # step they move a fraction α towards θ and θ restarts from them. Optimizer state carries on.
    slow = [p.detach().clone() for p in params] if wrap["lookahead"] else None
    full = setup["batch"] >= x_train.shape[0]
    order = BatchOrder(x_train.shape[0], min(setup["batch"], x_train.shape[0]), derive_seed(setup["seed"], "batches"))

    def train_loss():
        with torch.no_grad(), AveragedPoints(opts):
            return loss(model(x_train), y_train).item()

    initial = train_loss()
    for t in range(1, setup["steps"] + 1):
        idx = slice(None) if full else order.next()

        def backward():
            for p in params:
                p.grad = None
            loss(model(x_train[idx]), y_train[idx]).backward()

        if wrap["sam"]:
            sam_gradients(params, wrap["sam"], backward)
        else:
            backward()
        clip = run["clip"]
        if clip and clip["kind"] == "value":
            torch.nn.utils.clip_grad_value_(params, clip["threshold"])
        elif clip:
            torch.nn.utils.clip_grad_norm_(params, clip["threshold"])
        with torch.no_grad():
            for opt in opts:
                for group in opt.param_groups:
                    if group["base_lr"] is not None:
                        group["lr"] = learning_rate(run["schedule"], t - 1, group["base_lr"])
                    if run["l2"] and not group["no_l2"]:  # coupled L2: λθ added to the clipped gradient
                        for p in group["params"]:
                            p.grad.add_(p, alpha=run["l2"])
        for opt in opts:
            opt.step()
        if slow and t % wrap["lookahead"] == 0:
            with torch.no_grad():
                for p, phi in zip(params, slow):
                    phi.add_(wrap["lookaheadAlpha"] * (p - phi))
                    p.copy_(phi)
        if t % 100 == 0 and not math.isfinite(train_loss()):
            print(f"{run['label']}: diverged by step {t}")
            break
    return initial, train_loss()


def main():
    data = dataset(SETUP)  # noqa: F821 (the setup, above)
    for run in SETUP["runs"]:
        initial, final = train(SETUP, run, data)
        print(f"initial train loss {initial:.9g}  [{run['label']}]")
        print(f"final train loss {final:.9g}  [{run['label']}, step {SETUP['steps']}]")
    sys.stdout.flush()

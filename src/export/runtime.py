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
    if s == "cosine":
        T, W = p["totalSteps"], p["warmupSteps"]
        if k < W:
            return lr * (k + 1) / W
        return cosine_between(lr, p["minLr"], (min(k, T) - W) / (T - W))
    if s == "oneCycle":
        T = p["totalSteps"]
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
    raise SystemExit(f"schedule {s!r} is not exported yet")


class Lion(torch.optim.Optimizer):
    """Lion (Chen et al. 2023), as Descent's src/optimizers/lion.ts: not in torch.optim."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                m = self.state[p].setdefault("m", torch.zeros_like(p))
                c = beta1 * m + (1 - beta1) * p.grad
                p.mul_(1 - group["lr"] * group["weight_decay"])
                p.add_(torch.sign(c), alpha=-group["lr"])
                m.mul_(beta2).add_(p.grad, alpha=1 - beta2)


def optimizer(run, groups):
    """torch.optim where it has the rule, with Descent's hyperparameters by their PyTorch names."""
    o, hp = run["optimizer"], run["hyper"]
    betas = (hp.get("beta1"), hp.get("beta2"))
    if o == "sgd":
        return torch.optim.SGD(groups, lr=hp["lr"])
    if o in ("momentum", "nesterov"):
        return torch.optim.SGD(groups, lr=hp["lr"], momentum=hp["momentum"], nesterov=o == "nesterov")
    if o == "adagrad":
        return torch.optim.Adagrad(groups, lr=hp["lr"], eps=hp["eps"], initial_accumulator_value=hp["initialAccumulator"])
    if o == "rmsprop":
        return torch.optim.RMSprop(groups, lr=hp["lr"], alpha=hp["rho"], eps=hp["eps"])
    if o == "adadelta":
        return torch.optim.Adadelta(groups, lr=hp["lr"], rho=hp["rho"], eps=hp["eps"])
    if o in ("adam", "amsgrad"):
        return torch.optim.Adam(groups, lr=hp["lr"], betas=betas, eps=hp["eps"], amsgrad=o == "amsgrad")
    if o == "adamw":
        return torch.optim.AdamW(groups, lr=hp["lr"], betas=betas, eps=hp["eps"], weight_decay=hp["weightDecay"])
    if o == "adamax":
        return torch.optim.Adamax(groups, lr=hp["lr"], betas=betas, eps=hp["eps"])
    if o == "nadam":
        return torch.optim.NAdam(groups, lr=hp["lr"], betas=betas, eps=hp["eps"], momentum_decay=hp["momentumDecay"])
    if o == "radam":
        return torch.optim.RAdam(groups, lr=hp["lr"], betas=betas, eps=hp["eps"])
    if o == "lion":
        return Lion(groups, lr=hp["lr"], betas=betas, weight_decay=hp["weightDecay"])
    raise SystemExit(f"optimizer {o!r} is not exported yet")


def train(setup, run, data):
    (x_train, y_train), _ = data
    classes = setup["classes"]
    units = [x_train.shape[1], *setup["hidden"], classes if classes > 2 else 1]
    torch.manual_seed(setup["seed"])
    model = Mlp(setup, units)
    loss = loss_fn(setup, classes)
    weights = [layer.weight for layer in model.layers]
    biases = [layer.bias for layer in model.layers]
    if run["decayBiases"]:
        groups = [{"params": weights + biases}]
    else:  # biases: no weight decay and no L2 penalty
        groups = [{"params": weights}, {"params": biases, "weight_decay": 0.0, "no_l2": True}]
    opt = optimizer(run, groups)
    full = setup["batch"] >= x_train.shape[0]
    order = BatchOrder(x_train.shape[0], min(setup["batch"], x_train.shape[0]), derive_seed(setup["seed"], "batches"))
    train_loss = lambda: loss(model(x_train), y_train).item()
    initial = train_loss()
    for t in range(1, setup["steps"] + 1):
        idx = slice(None) if full else order.next()
        opt.zero_grad()
        loss(model(x_train[idx]), y_train[idx]).backward()
        clip = run["clip"]
        if clip and clip["kind"] == "value":
            torch.nn.utils.clip_grad_value_(model.parameters(), clip["threshold"])
        elif clip:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip["threshold"])
        with torch.no_grad():
            for group in opt.param_groups:
                group["lr"] = learning_rate(run["schedule"], t - 1, run["hyper"]["lr"])
                if run["l2"] and not group.get("no_l2"):  # coupled L2: λθ added to the clipped gradient
                    for p in group["params"]:
                        p.grad.add_(p, alpha=run["l2"])
        opt.step()
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


if __name__ == "__main__":
    main()

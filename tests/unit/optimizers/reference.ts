/**
 * An independent reference: each optimizer in plain JavaScript doubles,
 * transcribed line by line from the framework's own loop — PyTorch's
 * `_single_tensor_<name>` functions in torch/optim/*.py (weight_decay = 0,
 * maximize = False, the non-capturable branch), Keras 3's `update_step`s for
 * the Keras variants, and the Lion paper's Program 1. The statement order and
 * the placement of ε follow those sources, not the formulas in src/, so that
 * the agreement test compares two separately written implementations.
 *
 * A reference is a closure over its state: `step(param, grad)` returns the new
 * parameter and advances the internal step counter.
 */
export type Hp = Record<string, number>;
export type Step = (param: number[], grad: number[]) => number[];

const zeros = (n: number) => new Array<number>(n).fill(0);

export const references: Record<string, (hp: Hp) => Step> = {
  // torch SGD with momentum = 0: param.add_(grad, alpha=-lr)
  sgd: ({ lr }) => (p, g) => p.map((x, i) => x - lr * g[i]),

  // torch SGD: buf = clone(grad) on the first step, else buf.mul_(momentum).add_(grad); param.add_(buf, alpha=-lr)
  momentum: ({ lr, momentum }) => {
    let buf: number[] | null = null;
    return (p, g) => {
      buf = buf === null ? [...g] : buf.map((b, i) => b * momentum + g[i]);
      return p.map((x, i) => x - lr * buf![i]);
    };
  },

  // torch SGD nesterov=True: grad = grad.add(buf, alpha=momentum) after updating buf
  nesterov: ({ lr, momentum }) => {
    let buf: number[] | null = null;
    return (p, g) => {
      buf = buf === null ? [...g] : buf.map((b, i) => b * momentum + g[i]);
      return p.map((x, i) => x - lr * (g[i] + momentum * buf![i]));
    };
  },

  // torch Adagrad: state_sum = full_like(initial_accumulator_value); clr = lr / (1 + (step-1)*lr_decay);
  // state_sum.addcmul_(grad, grad); std = state_sum.sqrt().add_(eps); param.addcdiv_(grad, std, value=-clr)
  adagrad: ({ lr, eps, initialAccumulator }) => {
    let sum: number[] | null = null;
    return (p, g) => {
      sum ??= new Array(p.length).fill(initialAccumulator);
      sum = sum.map((s, i) => s + g[i] * g[i]);
      return p.map((x, i) => x - (lr * g[i]) / (Math.sqrt(sum![i]) + eps));
    };
  },

  // torch RMSprop: square_avg.mul_(alpha).addcmul_(grad, grad, value=1-alpha);
  // avg = square_avg.sqrt().add_(eps); param.addcdiv_(grad, avg, value=-lr)
  rmsprop: ({ lr, rho, eps }) => {
    let sq: number[] | null = null;
    return (p, g) => {
      sq = (sq ?? zeros(p.length)).map((s, i) => s * rho + (1 - rho) * g[i] * g[i]);
      return p.map((x, i) => x - (lr * g[i]) / (Math.sqrt(sq![i]) + eps));
    };
  },

  // torch Adadelta: square_avg.mul_(rho).addcmul_(grad, grad, value=1-rho); std = square_avg.add(eps).sqrt_();
  // delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad); acc_delta.mul_(rho).addcmul_(delta, delta, value=1-rho);
  // param.add_(delta, alpha=-lr)
  adadelta: ({ lr, rho, eps }) => {
    let sq: number[] | null = null;
    let acc: number[] | null = null;
    return (p, g) => {
      sq = (sq ?? zeros(p.length)).map((s, i) => s * rho + (1 - rho) * g[i] * g[i]);
      const a = acc ?? zeros(p.length);
      const delta = a.map((ad, i) => (Math.sqrt(ad + eps) / Math.sqrt(sq![i] + eps)) * g[i]);
      acc = a.map((ad, i) => ad * rho + (1 - rho) * delta[i] * delta[i]);
      return p.map((x, i) => x - lr * delta[i]);
    };
  },

  adam: (hp) => torchAdam(hp, false, 0),
  amsgrad: (hp) => torchAdam(hp, true, 0),
  adamw: (hp) => torchAdam(hp, false, hp.weightDecay),

  // torch Adamax: exp_avg.lerp_(grad, 1-beta1); exp_inf = max(exp_inf * beta2, |grad| + eps);
  // clr = lr / (1 - beta1**step); param.addcdiv_(exp_avg, exp_inf, value=-clr)
  adamax: ({ lr, beta1, beta2, eps }) => {
    let step = 0;
    let expAvg: number[] | null = null;
    let expInf: number[] | null = null;
    return (p, g) => {
      step += 1;
      expAvg = (expAvg ?? zeros(p.length)).map((m, i) => m + (g[i] - m) * (1 - beta1));
      expInf = (expInf ?? zeros(p.length)).map((u, i) => Math.max(u * beta2, Math.abs(g[i]) + eps));
      const clr = lr / (1 - beta1 ** step);
      return p.map((x, i) => x - (clr * expAvg![i]) / expInf![i]);
    };
  },

  // torch NAdam: mu = beta1*(1 - 0.5*0.96**(step*momentum_decay)); mu_next likewise at step+1; mu_product *= mu;
  // exp_avg.lerp_; exp_avg_sq update; denom = (exp_avg_sq / bias_correction2).sqrt() + eps;
  // param.addcdiv_(grad, denom, value=-lr*(1-mu)/(1-mu_product));
  // param.addcdiv_(exp_avg, denom, value=-lr*mu_next/(1-mu_product*mu_next))
  nadam: ({ lr, beta1, beta2, eps, momentumDecay }) => {
    let step = 0;
    let muProduct = 1;
    let expAvg: number[] | null = null;
    let expAvgSq: number[] | null = null;
    return (p, g) => {
      step += 1;
      const bc2 = 1 - beta2 ** step;
      const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
      muProduct *= mu;
      expAvg = (expAvg ?? zeros(p.length)).map((m, i) => m + (g[i] - m) * (1 - beta1));
      expAvgSq = (expAvgSq ?? zeros(p.length)).map((v, i) => v * beta2 + (1 - beta2) * g[i] * g[i]);
      const denom = expAvgSq.map((v) => Math.sqrt(v / bc2) + eps);
      const muProductNext = muProduct * muNext;
      return p.map((x, i) => {
        const afterGrad = x + (-lr * (1 - mu)) / (1 - muProduct) * (g[i] / denom[i]);
        return afterGrad + ((-lr * muNext) / (1 - muProductNext)) * (expAvg![i] / denom[i]);
      });
    };
  },

  // torch RAdam: bias_corrected_exp_avg = exp_avg / bc1; rho_inf = 2/(1-beta2) - 1;
  // rho_t = rho_inf - 2*step*beta2**step / bc2; if rho_t > 5:
  //   param -= bias_corrected_exp_avg * lr * (bc2**0.5 / (exp_avg_sq.sqrt() + eps)) * rect
  // else: param -= bias_corrected_exp_avg * lr
  radam: ({ lr, beta1, beta2, eps }) => {
    let step = 0;
    let expAvg: number[] | null = null;
    let expAvgSq: number[] | null = null;
    return (p, g) => {
      step += 1;
      expAvg = (expAvg ?? zeros(p.length)).map((m, i) => m + (g[i] - m) * (1 - beta1));
      expAvgSq = (expAvgSq ?? zeros(p.length)).map((v, i) => v * beta2 + (1 - beta2) * g[i] * g[i]);
      const bc1 = 1 - beta1 ** step;
      const bc2 = 1 - beta2 ** step;
      const rhoInf = 2 / (1 - beta2) - 1;
      const rhoT = rhoInf - (2 * step * beta2 ** step) / bc2;
      return p.map((x, i) => {
        const mHat = expAvg![i] / bc1;
        if (!(rhoT > 5)) return x - mHat * lr;
        const rect = (((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) ** 0.5;
        const adaptive = bc2 ** 0.5 / (Math.sqrt(expAvgSq![i]) + eps);
        return x - mHat * lr * adaptive * rect;
      });
    };
  },

  // Lion, Program 1 of Chen et al. (2023):
  // update = interp(grad, exp_avg, beta1).sign(); p = p - lr * (update + wd * p); exp_avg = interp(grad, exp_avg, beta2)
  lion: ({ lr, beta1, beta2, weightDecay }) => {
    let expAvg: number[] | null = null;
    return (p, g) => {
      const m = expAvg ?? zeros(p.length);
      const next = p.map((x, i) => x - lr * (Math.sign(beta1 * m[i] + (1 - beta1) * g[i]) + weightDecay * x));
      expAvg = m.map((mi, i) => beta2 * mi + (1 - beta2) * g[i]);
      return next;
    };
  },

  // Keras 3 SGD: m = m*momentum - g*lr; variable += m
  'momentum:keras': ({ lr, momentum }) => {
    let m: number[] | null = null;
    return (p, g) => {
      m = (m ?? zeros(p.length)).map((mi, i) => mi * momentum - g[i] * lr);
      return p.map((x, i) => x + m![i]);
    };
  },

  // Keras 3 SGD nesterov=True: m = m*momentum - g*lr; variable += m*momentum - g*lr
  'nesterov:keras': ({ lr, momentum }) => {
    let m: number[] | null = null;
    return (p, g) => {
      m = (m ?? zeros(p.length)).map((mi, i) => mi * momentum - g[i] * lr);
      return p.map((x, i) => x + (m![i] * momentum - g[i] * lr));
    };
  },

  // Keras 3 RMSprop: velocity = rho*velocity + (1-rho)*g²; variable -= lr*g / sqrt(velocity + epsilon)
  'rmsprop:keras': ({ lr, rho, eps }) => {
    let vel: number[] | null = null;
    return (p, g) => {
      vel = (vel ?? zeros(p.length)).map((v, i) => rho * v + (1 - rho) * g[i] * g[i]);
      return p.map((x, i) => x - (lr * g[i]) / Math.sqrt(vel![i] + eps));
    };
  },

  // Keras 3 Adagrad: accumulator = Constant(initial_accumulator_value); accumulator += g²;
  // variable -= lr*g / sqrt(accumulator + epsilon)
  'adagrad:keras': ({ lr, eps, initialAccumulator }) => {
    let acc: number[] | null = null;
    return (p, g) => {
      acc = (acc ?? new Array(p.length).fill(initialAccumulator)).map((a, i) => a + g[i] * g[i]);
      return p.map((x, i) => x - (lr * g[i]) / Math.sqrt(acc![i] + eps));
    };
  },

  // Kingma & Ba, Algorithm 1 without the m̂ and v̂ lines: θ −= α·m/(√v + ε), with no framework to follow.
  'adam:nobias': ({ lr, beta1, beta2, eps }) => {
    let m: number[] | null = null;
    let v: number[] | null = null;
    return (p, g) => {
      m = (m ?? zeros(p.length)).map((mi, i) => beta1 * mi + (1 - beta1) * g[i]);
      v = (v ?? zeros(p.length)).map((vi, i) => beta2 * vi + (1 - beta2) * g[i] * g[i]);
      return p.map((x, i) => x - (lr * m![i]) / (Math.sqrt(v![i]) + eps));
    };
  },

  // Keras 3 Adam: alpha = lr*sqrt(1-beta_2_power)/(1-beta_1_power); m += (g-m)*(1-beta_1);
  // v += (g²-v)*(1-beta_2); variable -= m*alpha / (sqrt(v) + epsilon)
  'adam:keras': ({ lr, beta1, beta2, eps }) => {
    let step = 0;
    let m: number[] | null = null;
    let v: number[] | null = null;
    return (p, g) => {
      step += 1;
      const alpha = (lr * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      m = (m ?? zeros(p.length)).map((mi, i) => mi + (g[i] - mi) * (1 - beta1));
      v = (v ?? zeros(p.length)).map((vi, i) => vi + (g[i] * g[i] - vi) * (1 - beta2));
      return p.map((x, i) => x - (m![i] * alpha) / (Math.sqrt(v![i]) + eps));
    };
  },
};

/**
 * torch Adam / AdamW (single tensor, non-capturable):
 * param.mul_(1 - lr*weight_decay) [AdamW]; exp_avg.lerp_(grad, 1-beta1);
 * exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1-beta2);
 * step_size = lr / bc1; if amsgrad: max_exp_avg_sqs = maximum(max_exp_avg_sqs, exp_avg_sq),
 * denom = max.sqrt() / sqrt(bc2) + eps, else denom = exp_avg_sq.sqrt() / sqrt(bc2) + eps;
 * param.addcdiv_(exp_avg, denom, value=-step_size)
 */
function torchAdam({ lr, beta1, beta2, eps }: Hp, amsgrad: boolean, weightDecay: number): Step {
  let step = 0;
  let expAvg: number[] | null = null;
  let expAvgSq: number[] | null = null;
  let maxExpAvgSq: number[] | null = null;
  return (p, g) => {
    step += 1;
    const decayed = p.map((x) => x * (1 - lr * weightDecay));
    expAvg = (expAvg ?? zeros(p.length)).map((m, i) => m + (g[i] - m) * (1 - beta1));
    expAvgSq = (expAvgSq ?? zeros(p.length)).map((v, i) => v * beta2 + (1 - beta2) * g[i] * g[i]);
    const bc1 = 1 - beta1 ** step;
    const bc2Sqrt = (1 - beta2 ** step) ** 0.5;
    const stepSize = lr / bc1;
    let second = expAvgSq;
    if (amsgrad) {
      maxExpAvgSq = (maxExpAvgSq ?? zeros(p.length)).map((mx, i) => Math.max(mx, expAvgSq![i]));
      second = maxExpAvgSq;
    }
    const denom = second.map((v) => Math.sqrt(v) / bc2Sqrt + eps);
    return decayed.map((x, i) => x - stepSize * (expAvg![i] / denom[i]));
  };
}

/**
 * What each update rule of the registry is called in the three libraries the
 * guide compares: the call that computes it (hyperparameters aside), or null
 * where the library has none. Where a library's class of the same name computes
 * a different rule, `rule` names the registry id it does compute (Keras's Adam
 * is `adam:keras`) or `differs` says how it departs. Checked against each
 * library's source and documentation (PyTorch 2.9, Keras 3, Optax 0.2); the
 * unit test keeps this table and the registry in step.
 */
export interface FrameworkCall {
  call: string;
  rule?: string; // the registry id this call computes, when it is not the row's own
  differs?: string; // how it departs from the row's rule, when no registry id captures it
}

export interface FrameworkNames {
  pytorch: FrameworkCall | null;
  keras: FrameworkCall | null;
  optax: FrameworkCall | null;
}

const c = (call: string, more: Omit<FrameworkCall, 'call'> = {}): FrameworkCall => ({ call, ...more });

export const frameworkNames: Record<string, FrameworkNames> = {
  sgd: { pytorch: c('torch.optim.SGD'), keras: c('keras.optimizers.SGD'), optax: c('optax.sgd') },
  momentum: {
    pytorch: c('torch.optim.SGD(momentum=μ)'),
    keras: c('keras.optimizers.SGD(momentum=μ)', { rule: 'momentum:keras' }),
    optax: c('optax.sgd(momentum=μ)'),
  },
  nesterov: {
    pytorch: c('torch.optim.SGD(momentum=μ, nesterov=True)'),
    keras: c('keras.optimizers.SGD(momentum=μ, nesterov=True)', { rule: 'nesterov:keras' }),
    optax: c('optax.sgd(momentum=μ, nesterov=True)'),
  },
  adagrad: {
    pytorch: c('torch.optim.Adagrad'),
    keras: c('keras.optimizers.Adagrad', { rule: 'adagrad:keras' }),
    optax: c('optax.adagrad', { rule: 'adagrad:keras' }),
  },
  rmsprop: {
    pytorch: c('torch.optim.RMSprop'),
    keras: c('keras.optimizers.RMSprop', { rule: 'rmsprop:keras' }),
    optax: c('optax.rmsprop(eps_in_sqrt=False)'),
  },
  adadelta: { pytorch: c('torch.optim.Adadelta'), keras: c('keras.optimizers.Adadelta'), optax: c('optax.adadelta') },
  adam: {
    pytorch: c('torch.optim.Adam'),
    keras: c('keras.optimizers.Adam', { rule: 'adam:keras' }),
    optax: c('optax.adam'),
  },
  amsgrad: {
    pytorch: c('torch.optim.Adam(amsgrad=True)'),
    keras: c('keras.optimizers.Adam(amsgrad=True)', { differs: 'ε placed as in adam:keras' }),
    optax: c('optax.amsgrad', { differs: 'maximum taken after bias correction' }),
  },
  adamw: { pytorch: c('torch.optim.AdamW'), keras: c('keras.optimizers.AdamW'), optax: c('optax.adamw') },
  adamax: { pytorch: c('torch.optim.Adamax'), keras: c('keras.optimizers.Adamax'), optax: c('optax.adamax') },
  nadam: {
    pytorch: c('torch.optim.NAdam'),
    keras: c('keras.optimizers.Nadam', { differs: 'momentum schedule without ψ' }),
    optax: c('optax.nadam', { differs: 'no momentum schedule' }),
  },
  radam: { pytorch: c('torch.optim.RAdam'), keras: null, optax: c('optax.radam') },
  lion: { pytorch: null, keras: c('keras.optimizers.Lion'), optax: c('optax.lion') },
  'momentum:keras': { pytorch: null, keras: c('keras.optimizers.SGD(momentum=μ)'), optax: null },
  'nesterov:keras': { pytorch: null, keras: c('keras.optimizers.SGD(momentum=μ, nesterov=True)'), optax: null },
  'rmsprop:keras': { pytorch: null, keras: c('keras.optimizers.RMSprop'), optax: c('optax.rmsprop') },
  'adagrad:keras': { pytorch: null, keras: c('keras.optimizers.Adagrad'), optax: c('optax.adagrad') },
  'adam:keras': { pytorch: null, keras: c('keras.optimizers.Adam'), optax: null },
  'adam:nobias': { pytorch: null, keras: null, optax: null }, // Adam without bias correction: a teaching variant, in no library
  muon: {
    pytorch: c('torch.optim.Muon'),
    keras: c('keras.optimizers.Muon', { differs: 'its own step scaling; AdamW for non-matrix weights' }),
    optax: c('optax.contrib.muon', { differs: 'bias-corrected average, its own shape scaling; Adam for non-matrix weights' }),
  },
  shampoo: { pytorch: null, keras: null, optax: null },
  adafactor: {
    pytorch: c('torch.optim.Adafactor'),
    keras: c('keras.optimizers.Adafactor', { differs: 'update clipping on by default' }),
    optax: c('optax.adafactor', { differs: 'update clipping on by default' }),
  },
  lamb: { pytorch: null, keras: c('keras.optimizers.Lamb'), optax: c('optax.lamb') },
  lars: { pytorch: null, keras: null, optax: c('optax.lars') },
  'schedule-free-adamw': {
    pytorch: null,
    keras: c('keras.optimizers.ScheduleFreeAdamW'),
    optax: c('optax.contrib.schedule_free_adamw'),
  },
};

import type { HyperSpec } from './types';

// Hyperparameters that many optimizers share, described once.
export const learningRate: HyperSpec = { label: 'learning rate', symbol: 'η', min: 1e-5, max: 10, log: true };
export const beta1: HyperSpec = { label: 'first-moment decay', symbol: 'β₁', min: 0, max: 0.999 };
export const beta2: HyperSpec = { label: 'second-moment decay', symbol: 'β₂', min: 0, max: 0.9999 };
export const epsilon: HyperSpec = { label: 'epsilon', symbol: 'ε', min: 1e-12, max: 1, log: true };
export const weightDecay: HyperSpec = { label: 'weight decay', symbol: 'λ', min: 0, max: 1 };
export const momentum: HyperSpec = { label: 'momentum', symbol: 'μ', min: 0, max: 0.999 };
export const rho: HyperSpec = { label: 'squared-gradient decay', symbol: 'ρ', min: 0, max: 0.9999 };
export const initialAccumulator: HyperSpec = { label: 'initial accumulator', symbol: 's₀', min: 0, max: 1 };
export const momentumDecay: HyperSpec = { label: 'momentum decay', symbol: 'ψ', min: 0, max: 0.05 };
export const nesterov: HyperSpec = { label: 'Nesterov look-ahead (0 off, 1 on)', symbol: 'nesterov', min: 0, max: 1, integer: true };

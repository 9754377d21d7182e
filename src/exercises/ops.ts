/**
 * The tensor operations an exercise's (or the Lab's) code may call, by name.
 * Both graders (the browser's Web Worker and the command-line grader) hand the
 * student's code exactly these and nothing else. `matMul`, `transpose`, `norm`,
 * `mean`, `greater`, `where` and `logicalAnd` are there for the rules defined
 * per tensor or per matrix (LAMB, LARS, Adafactor, Muon).
 */
import {
  abs, add, addN, clipByValue, clone, div, exp, fill, greater, log, logicalAnd, matMul, maximum, mean, minimum, mul, neg, norm, onesLike,
  pow, scalar, sign, sqrt, square, sub, sum, transpose, where, zerosLike,
} from '@tensorflow/tfjs-core';

export const ops = {
  add, sub, mul, div, sqrt, square, abs, sign, maximum, minimum, neg, zerosLike, onesLike, fill, scalar,
  pow, exp, log, clipByValue, clone, addN, sum, mean, norm, matMul, transpose, greater, where, logicalAnd,
};
export const opNames = Object.keys(ops);

/**
 * The tensor operations an exercise's code may call, by name. Both graders
 * (the browser's Web Worker and the command-line grader) hand the student's
 * code exactly these and nothing else.
 */
import {
  abs, add, addN, clipByValue, clone, div, exp, fill, log, maximum, minimum, mul, neg, onesLike, pow, scalar, sign, sqrt, square, sub, sum,
  zerosLike,
} from '@tensorflow/tfjs-core';

export const ops = {
  add, sub, mul, div, sqrt, square, abs, sign, maximum, minimum, neg, zerosLike, onesLike, fill, scalar,
  pow, exp, log, clipByValue, clone, addN, sum,
};
export const opNames = Object.keys(ops);

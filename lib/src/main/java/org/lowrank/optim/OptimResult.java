package org.lowrank.optim;

/**
 * Outcome of a whole-vector optimizer (L-BFGS, CMA-ES, random search).
 *
 * @param x           best point found
 * @param value       f(x)
 * @param iterations  iterations (generations for CMA-ES)
 * @param evaluations function evaluations
 */
public record OptimResult(double[] x, double value, int iterations, int evaluations) {}

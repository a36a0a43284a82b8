package org.lowrank.experiment;

/**
 * A generated task: target map and row-major data. Arrays are shared, not copied: treat them as read-only.
 *
 * @param spec   what generated it
 * @param target W* ({@code outputDim×inputDim}, row-major)
 * @param xTrain {@code nTrain×inputDim}
 * @param yTrain {@code nTrain×outputDim}
 * @param xTest  {@code nTest×inputDim}
 * @param yTest  {@code nTest×outputDim}
 */
public record Task(TaskSpec spec, double[] target, double[] xTrain, double[] yTrain, double[] xTest, double[] yTest) {}

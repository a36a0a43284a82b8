package org.lowrank.experiment;

/**
 * One training run: task, network, optimizer, budget and seed. The seed fixes the task sample (target and data)
 * and the initialization, so the same spec gives the same numbers on any thread.
 *
 * @param group     free label (experiment name; no commas)
 * @param task      the task
 * @param net       the network
 * @param optimizer the optimizer
 * @param maxSteps  iterations (first order, L-BFGS) or function evaluations (CMA-ES, random search)
 * @param tolerance stop once the training loss is ≤ this
 * @param seed      run seed
 * @param gram      also measure ρ(K) of the penultimate test embeddings (cosine kernel)
 */
public record RunSpec(String group, TaskSpec task, NetConfig net, OptimizerSpec optimizer, int maxSteps,
                      double tolerance, long seed, boolean gram) implements java.io.Serializable {
    public RunSpec {
        if (group == null || group.isBlank() || group.contains(",") || group.contains("\n")) {
            throw new IllegalArgumentException("group must be a non-empty label without commas, got '" + group + "'");
        }
        if (task == null || net == null || optimizer == null) throw new IllegalArgumentException("task, net and optimizer must not be null");
        if (task.inputDim() != net.inputDim() || task.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("net must map " + task.inputDim() + " -> " + task.outputDim() + ", got "
                    + net.inputDim() + " -> " + net.outputDim());
        }
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }

    /** The same run with another optimizer learning rate. */
    public RunSpec withLr(double lr) {
        return new RunSpec(group, task, net, optimizer.withLr(lr), maxSteps, tolerance, seed, gram);
    }

    /** The same run with another group, budget and seed. */
    public RunSpec with(String group, int maxSteps, long seed) {
        return new RunSpec(group, task, net, optimizer, maxSteps, tolerance, seed, gram);
    }

    /** Unique, comma-free identity of the run (the CSV's first column; resuming skips keys already there). */
    public String key() {
        return group + "|" + task.key() + "|in" + net.inputDim() + "w" + net.width() + "out" + net.outputDim() + "d" + net.depth()
                + ":" + net.activation() + ":" + net.init() + "|" + optimizer.key() + "|T" + maxSteps + "|tol" + tolerance
                + "|seed" + seed + (gram ? "|K" : "");
    }
}

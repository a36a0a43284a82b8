package org.lowrank.reproduce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lowrank.claims.OptimizerComparison;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.notebook.Scale;

/**
 * Notebook 05 (C4 and §7, optimizers): 32-wide deep linear nets on a rank-8 target, every optimizer at its best rate
 * per depth ({@link OptimizerComparison#sweep}, group {@code c4}), then the small-init comparison at depths 2 and 4
 * (group {@code s7-small}).
 *
 * @param depths     depths of C4
 * @param seeds      seeds per configuration
 * @param budget     steps, L-BFGS iterations and evaluations
 */
public record OptimizersSweep(int[] depths, int seeds, OptimizerComparison.Budget budget) implements NotebookSweep {
    /** The notebook's sizes at {@code scale} (its cells 3 and 14). */
    public static OptimizersSweep at(Scale scale) {
        return new OptimizersSweep(new int[] {1, 2, 4, 8}, scale.pick(2, 5),
                new OptimizerComparison.Budget(scale.pick(2000, 20000), scale.pick(400, 2000), scale.pick(10000, 200000)));
    }

    /** The notebook's learning-rate grids per optimizer (one value: no sweep). */
    public static Map<Optimizer, double[]> grids() {
        Map<Optimizer, double[]> grids = new LinkedHashMap<>();
        grids.put(Optimizer.SGD, new double[] {0.05, 0.2, 0.8});
        grids.put(Optimizer.NESTEROV, new double[] {0.02, 0.05, 0.2});
        grids.put(Optimizer.ADAM, new double[] {0.003, 0.01, 0.03});
        grids.put(Optimizer.LBFGS, new double[] {1.0});
        grids.put(Optimizer.CMAES, new double[] {0.05});
        grids.put(Optimizer.RANDOM_SEARCH, new double[] {1.0});
        grids.put(Optimizer.RMSPROP, new double[] {0.001, 0.003, 0.01});
        grids.put(Optimizer.SIGNUM, new double[] {1e-4, 3e-4, 1e-3});
        grids.put(Optimizer.LION, new double[] {1e-4, 3e-4, 1e-3});
        grids.put(Optimizer.MUON, new double[] {0.003, 0.01, 0.03});
        grids.put(Optimizer.SCALAR_ADAM, new double[] {0.003, 0.01, 0.03});
        return grids;
    }

    @Override
    public String notebook() {
        return "05_optimizers";
    }

    @Override
    public void run(Runner runner, Consumer<String> log) {
        TaskSpec task = new TaskSpec(32, 32, 8, TaskSpec.Spectrum.EQUAL, 24, 256, 0);
        Map<Optimizer, double[]> grids = grids();
        OptimizerComparison.sweep(runner, "c4", task, 32, NetConfig.Init.DEFAULT, depths, seeds, grids, budget, log);
        Map<Optimizer, double[]> small = new LinkedHashMap<>();
        for (Optimizer o : List.of(Optimizer.SGD, Optimizer.ADAM, Optimizer.RMSPROP, Optimizer.SIGNUM, Optimizer.LION,
                Optimizer.MUON, Optimizer.SCALAR_ADAM)) small.put(o, grids.get(o));
        OptimizerComparison.sweep(runner, "s7-small", task, 32, NetConfig.Init.SMALL, new int[] {2, 4}, seeds, small, budget, log);
    }
}

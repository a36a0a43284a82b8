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
 * Notebook 05 (C4 and §7, optimizers) at a scale, the one definition the notebook (its cells 3 and 13) and
 * {@code make reproduce} both use: 32-wide deep linear nets on a rank-8 target seen through 24 inputs, every
 * optimizer at its best rate per depth ({@link OptimizerComparison.Setup}, group {@code c4}, default init), then
 * GD against the modern optimizers from a small init at depths 2 and 4 (group {@code s7-small}).
 *
 * @param c4    the C4 comparison
 * @param small the §7 comparison from a small init
 */
public record OptimizersSweep(OptimizerComparison.Setup c4, OptimizerComparison.Setup small) implements NotebookSweep {
    public OptimizersSweep {
        if (c4 == null || small == null) throw new IllegalArgumentException("c4 and small must not be null");
    }

    /** The notebook's experiments at {@code scale}: 5 seeds, 2000 steps, 400 L-BFGS iterations, 10000 evaluations (quick); 10, 20000, 2000, 200000 (paper). */
    public static OptimizersSweep at(Scale scale) {
        TaskSpec task = new TaskSpec(32, 32, 8, TaskSpec.Spectrum.EQUAL, 24, 256, 0);
        int seeds = scale.pick(5, 10);
        var budget = new OptimizerComparison.Budget(scale.pick(2000, 20000), scale.pick(400, 2000), scale.pick(10000, 200000));
        Map<Optimizer, double[]> grids = grids();
        Map<Optimizer, double[]> smallGrids = new LinkedHashMap<>();
        for (Optimizer o : List.of(Optimizer.SGD, Optimizer.ADAM, Optimizer.RMSPROP, Optimizer.SIGNUM, Optimizer.LION,
                Optimizer.MUON, Optimizer.SCALAR_ADAM)) smallGrids.put(o, grids.get(o));
        return new OptimizersSweep(
                new OptimizerComparison.Setup("c4", task, 32, NetConfig.Init.DEFAULT, new int[] {1, 2, 4, 8}, seeds, grids, budget),
                new OptimizerComparison.Setup("s7-small", task, 32, NetConfig.Init.SMALL, new int[] {2, 4}, seeds, smallGrids, budget));
    }

    /** The notebook's learning-rate grids per optimizer, in the order of its tables (one value: no sweep). */
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
        c4.run(runner, log);
        small.run(runner, log);
    }
}

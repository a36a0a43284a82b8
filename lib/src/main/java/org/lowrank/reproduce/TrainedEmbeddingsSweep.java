package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.lowrank.random.Nonlinearity;
import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.OptimizerSpec;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.notebook.Scale;

/**
 * Notebook 04 (C3, ρ(K) of trained nets with seven activations): 16→32→10 nets on Gaussian clusters, Adam; the rate
 * per depth from a ReLU sweep, then every activation, depth and seed (groups {@code lr-c3} and {@code c3}). The
 * notebook's two heat-map trainings are not runs of this sweep.
 *
 * @param depths depths
 * @param seeds  seeds per configuration
 * @param steps  Adam steps per run
 */
public record TrainedEmbeddingsSweep(int[] depths, int seeds, int steps) implements NotebookSweep {
    /** The notebook's sizes at {@code scale} (its cell 3). */
    public static TrainedEmbeddingsSweep at(Scale scale) {
        return new TrainedEmbeddingsSweep(new int[] {2, 4, 8, 16}, scale.pick(2, 5), scale.pick(600, 5000));
    }

    @Override
    public String notebook() {
        return "04_trained_embeddings";
    }

    @Override
    public void run(Runner runner, Consumer<String> log) {
        TaskSpec task = new TaskSpec(16, 10, 10, TaskSpec.Spectrum.CLUSTERS, 100, 100, 1.0);
        List<RunSpec> templates = new ArrayList<>();
        for (int d : depths)
            templates.add(new RunSpec("c3", task, net(d, Nonlinearity.RELU), new OptimizerSpec(Optimizer.ADAM, 1e-3), steps, 1e-6, 0, true));
        var choices = LrSweep.pick(runner, templates, new double[] {3e-4, 1e-3, 3e-3}, steps / 4);
        choices.forEach(c -> log.accept("  " + c.describe()));
        Map<Integer, Double> lrByDepth = new TreeMap<>();
        choices.forEach(c -> lrByDepth.put(c.template().net().depth(), c.lr()));
        List<RunSpec> specs = new ArrayList<>();
        for (Nonlinearity a : Nonlinearity.values()) for (int d : depths) for (int s = 0; s < seeds; s++)
            specs.add(new RunSpec("c3", task, net(d, a), new OptimizerSpec(Optimizer.ADAM, lrByDepth.get(d)), steps, 1e-6, s, true));
        runner.run(specs);
    }

    private static NetConfig net(int d, Nonlinearity a) {
        return new NetConfig(16, 32, 10, d, a, NetConfig.Init.DEFAULT);
    }
}

package org.lowrank.reproduce;

import java.util.List;
import java.util.function.Consumer;

import org.lowrank.claims.TrainedEmbeddings;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.notebook.Scale;
import org.lowrank.random.Nonlinearity;

/**
 * Notebook 04 (C3, ρ(K) of trained nets with seven activations): the experiment of {@link TrainedEmbeddings} at a
 * scale, the one definition the notebook (its cell 3) and {@code make reproduce} both use: 16→32→…→10 nets on
 * Gaussian clusters, full-batch Adam, the rate per (activation, depth) from a sweep on held-out seeds, then every
 * activation, depth and seed (groups {@code lr-c3} and {@code c3}). The notebook's two heat-map trainings are not runs
 * of this sweep.
 *
 * @param setup the experiment
 */
public record TrainedEmbeddingsSweep(TrainedEmbeddings.Setup setup) implements NotebookSweep {
    public TrainedEmbeddingsSweep {
        if (setup == null) throw new IllegalArgumentException("setup must not be null");
    }

    /**
     * The notebook's experiment at {@code scale}: depths 2, 4, 8, 16; all seven activations; 5 seeds and 600 steps
     * (quick) or 10 seeds and 5000 steps (paper); rates {3e-4 … 3e-2} swept for ⅙ of the budget on seeds 1000, 1001.
     */
    public static TrainedEmbeddingsSweep at(Scale scale) {
        int steps = scale.pick(600, 5000);
        TaskSpec task = new TaskSpec(16, 10, 10, TaskSpec.Spectrum.CLUSTERS, 100, 100, 1.0);
        return new TrainedEmbeddingsSweep(new TrainedEmbeddings.Setup(task, 32, new int[] {2, 4, 8, 16}, List.of(Nonlinearity.values()),
                scale.pick(5, 10), steps, new double[] {3e-4, 1e-3, 3e-3, 1e-2, 3e-2}, steps / 6, 1000, 2));
    }

    @Override
    public String notebook() {
        return "04_trained_embeddings";
    }

    /** Runs (or loads) the experiment through {@code runner}: {@link TrainedEmbeddings#run}. */
    public TrainedEmbeddings.Outcome outcome(Runner runner, Consumer<String> log) {
        return TrainedEmbeddings.run(runner, setup, log);
    }

    @Override
    public void run(Runner runner, Consumer<String> log) {
        outcome(runner, log);
    }
}

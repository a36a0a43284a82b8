package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.OptimizerSpec;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.notebook.Scale;

/**
 * Notebook 06 (C5, default vs low-rank initialization): 16×16 deep linear nets, rank-8 target, 12 training points;
 * per init and depth a learning rate from a sweep (worst loss over {@code seeds} seeds, a quarter of the budget), then
 * {@code seeds} runs of {@code steps} SGD steps (groups {@code lr-c5} and {@code c5}).
 *
 * @param depths depths (number of weight matrices)
 * @param seeds  seeds per configuration (0, 1, ...)
 * @param steps  SGD steps per run
 */
public record InitializationSweep(int[] depths, int seeds, int steps) implements NotebookSweep {
    /** The learning rates the sweep tries. */
    public static final double[] LR_GRID = {0.05, 0.2, 0.8};

    /** The notebook's sizes at {@code scale} (its cell 3). */
    public static InitializationSweep at(Scale scale) {
        return new InitializationSweep(scale.pick(new int[] {1, 4, 8, 16, 32}, new int[] {1, 4, 8, 12, 16, 20, 24, 28, 32}),
                scale.pick(3, 5), scale.pick(3000, 20000));
    }

    @Override
    public String notebook() {
        return "06_initialization";
    }

    @Override
    public void run(Runner runner, Consumer<String> log) {
        TaskSpec task = new TaskSpec(16, 16, 8, TaskSpec.Spectrum.EQUAL, 12, 256, 0);
        List<RunSpec> templates = new ArrayList<>();
        for (NetConfig.Init init : List.of(NetConfig.Init.DEFAULT, NetConfig.Init.LOW_RANK)) for (int d : depths)
            templates.add(new RunSpec("c5", task, NetConfig.linear(16, d, init), new OptimizerSpec(Optimizer.SGD, 0.1), steps, 1e-6, 0, false));
        var choices = LrSweep.pick(runner, templates, LR_GRID, steps / 4, seeds);
        choices.forEach(c -> log.accept("  " + c.describe()));
        List<RunSpec> specs = new ArrayList<>();
        for (var c : choices) for (int s = 0; s < seeds; s++) specs.add(c.template().withLr(c.lr()).with("c5", steps, s));
        runner.run(specs);
    }
}

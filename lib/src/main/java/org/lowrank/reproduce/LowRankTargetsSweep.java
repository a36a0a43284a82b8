package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;
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
 * Notebook 07: C6 (32×32 deep linear nets, rank-8 and full-rank targets, every init; groups {@code lr-c6}, {@code c6})
 * and C7 (64-wide ReLU nets, Adam, targets of several ranks; groups {@code lr-c7}, {@code c7}).
 *
 * @param depths   C6 depths
 * @param seeds    C6 seeds
 * @param steps    C6 SGD steps
 * @param c7Depths C7 depths
 * @param c7Ranks  C7 target ranks
 * @param c7Seeds  C7 seeds
 * @param c7Steps  C7 Adam steps
 */
public record LowRankTargetsSweep(int[] depths, int seeds, int steps, int[] c7Depths, int[] c7Ranks, int c7Seeds,
                                  int c7Steps) implements NotebookSweep {
    /** The notebook's sizes at {@code scale} (its cells 3 and 13). */
    public static LowRankTargetsSweep at(Scale scale) {
        return new LowRankTargetsSweep(scale.pick(new int[] {1, 4, 8, 16}, new int[] {1, 4, 8, 12, 16, 20, 24, 28, 32}),
                scale.pick(3, 5), scale.pick(2000, 20000), scale.pick(new int[] {2, 4, 8}, new int[] {2, 4, 8, 16, 32}),
                scale.pick(new int[] {1, 4, 64}, new int[] {1, 4, 16, 32, 64}), scale.pick(2, 5), scale.pick(800, 20000));
    }

    @Override
    public String notebook() {
        return "07_low_rank_targets";
    }

    @Override
    public void run(Runner runner, Consumer<String> log) {
        TaskSpec lowRank = new TaskSpec(32, 32, 8, TaskSpec.Spectrum.EQUAL, 24, 256, 0);
        TaskSpec fullRank = new TaskSpec(32, 32, 32, TaskSpec.Spectrum.GAUSSIAN, 24, 256, 0);
        List<RunSpec> templates = new ArrayList<>();
        for (TaskSpec task : List.of(lowRank, fullRank))
            for (NetConfig.Init init : NetConfig.Init.values())
                for (int d : depths)
                    templates.add(new RunSpec("c6", task, NetConfig.linear(32, d, init), new OptimizerSpec(Optimizer.SGD, 0.1), steps, 1e-6, 0, false));
        var choices = LrSweep.pick(runner, templates, new double[] {0.05, 0.2, 0.8}, steps / 4);
        choices.forEach(c -> log.accept("  " + c.describe()));
        List<RunSpec> specs = new ArrayList<>();
        for (var c : choices) for (int s = 0; s < seeds; s++) specs.add(c.template().withLr(c.lr()).with("c6", steps, s));
        runner.run(specs);

        List<RunSpec> c7Templates = new ArrayList<>();
        for (int d : c7Depths)
            c7Templates.add(new RunSpec("c7", new TaskSpec(64, 64, 64, TaskSpec.Spectrum.GAUSSIAN, 128, 128, 0),
                    new NetConfig(64, 64, 64, d, Nonlinearity.RELU, NetConfig.Init.DEFAULT), new OptimizerSpec(Optimizer.ADAM, 1e-3), c7Steps, 1e-7, 0, false));
        var c7Choices = LrSweep.pick(runner, c7Templates, new double[] {3e-4, 1e-3, 3e-3}, c7Steps / 4);
        c7Choices.forEach(c -> log.accept("  " + c.describe()));
        List<RunSpec> c7Specs = new ArrayList<>();
        for (var c : c7Choices) for (int rank : c7Ranks) for (int s = 0; s < c7Seeds; s++) {
            RunSpec t = c.template();
            c7Specs.add(new RunSpec("c7", new TaskSpec(64, 64, rank, TaskSpec.Spectrum.GAUSSIAN, 128, 128, 0), t.net(),
                    t.optimizer().withLr(c.lr()), c7Steps, 1e-7, s, false));
        }
        runner.run(c7Specs);
    }
}

package org.lowrank.reproduce;

import java.util.function.Consumer;

import org.lowrank.claims.LowRankTargets;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

/**
 * Notebook 07: exactly the notebook's experiments, C6 ({@link LowRankTargets#runC6}; groups {@code lr-c6}, {@code c6})
 * then C7 ({@link LowRankTargets#runC7}; groups {@code lr-c7}, {@code c7}), on the notebook's setups at the scale.
 *
 * @param c6 C6's experiment
 * @param c7 C7's experiment
 */
public record LowRankTargetsSweep(LowRankTargets.C6Setup c6, LowRankTargets.C7Setup c7) implements NotebookSweep {
    public LowRankTargetsSweep {
        if (c6 == null || c7 == null) throw new IllegalArgumentException("c6 and c7 setups must not be null");
    }

    /** The notebook's experiments at {@code scale} (its setup cells: {@code SCALE.pick(C6Setup.quick(), C6Setup.paper())}, same for C7). */
    public static LowRankTargetsSweep at(Scale scale) {
        return new LowRankTargetsSweep(scale.pick(LowRankTargets.C6Setup.quick(), LowRankTargets.C6Setup.paper()),
                scale.pick(LowRankTargets.C7Setup.quick(), LowRankTargets.C7Setup.paper()));
    }

    @Override
    public String notebook() {
        return "07_low_rank_targets";
    }

    @Override
    public void run(Runner runner, Consumer<String> log) {
        LowRankTargets.runC6(runner, c6, log);
        LowRankTargets.runC7(runner, c7, log);
    }
}

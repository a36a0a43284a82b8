package org.lowrank.reproduce;

import java.util.function.Consumer;

import org.lowrank.claims.Initialization;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

/**
 * Notebook 06 (C5, default vs low-rank initialization): exactly the notebook's experiment, {@link Initialization#run}
 * on the notebook's {@link Initialization.Setup} at the scale (groups {@code lr-c5} and {@code c5}).
 *
 * @param setup the experiment
 */
public record InitializationSweep(Initialization.Setup setup) implements NotebookSweep {
    public InitializationSweep {
        if (setup == null) throw new IllegalArgumentException("setup must not be null");
    }

    /** The notebook's experiment with other sizes (tests): sweep seeds as many as run seeds. */
    public InitializationSweep(int[] depths, int seeds, int steps) {
        this(Initialization.Setup.quick().withSizes(depths, seeds, steps, seeds));
    }

    /** The notebook's experiment at {@code scale} (its setup cell: {@code SCALE.pick(Setup.quick(), Setup.paper())}). */
    public static InitializationSweep at(Scale scale) {
        return new InitializationSweep(scale.pick(Initialization.Setup.quick(), Initialization.Setup.paper()));
    }

    /** The depths. */
    public int[] depths() {
        return setup.depths();
    }

    /** Seeds per configuration. */
    public int seeds() {
        return setup.seeds();
    }

    /** Steps per run. */
    public int steps() {
        return setup.steps();
    }

    @Override
    public String notebook() {
        return "06_initialization";
    }

    @Override
    public void run(Runner runner, Consumer<String> log) {
        Initialization.run(runner, setup, log);
    }
}

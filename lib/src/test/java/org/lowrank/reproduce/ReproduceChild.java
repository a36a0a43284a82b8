package org.lowrank.reproduce;

import java.nio.file.Path;

import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

/** A small notebook-06 sweep for {@link ReproduceTest}: {@code ReproduceChild OUT} (run in a child JVM and killed). */
public final class ReproduceChild {
    private ReproduceChild() {}

    /** Two phases: 12 learning-rate runs of 2000 steps, then 4 runs of 8000 steps (long enough to stop it mid-way). */
    static final InitializationSweep SWEEP = new InitializationSweep(new int[] {1, 4}, 1, 8000);

    static Reproduce.Options options(Path out) {
        return new Reproduce.Options("06", Scale.QUICK, out, 1, Runner.Shard.ALL, 0);
    }

    public static void main(String[] args) {
        Reproduce.execute(SWEEP, options(Path.of(args[0])), null, "local", args, s -> { });
    }
}

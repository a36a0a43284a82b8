package org.lowrank.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small sweep for {@link SweepResumeTest}: {@code SweepMain CSV THREADS} (run in a child JVM and killed). */
public final class SweepMain {
    private SweepMain() {}

    static List<RunSpec> specs() {
        List<RunSpec> specs = new ArrayList<>();
        TaskSpec task = new TaskSpec(16, 16, 4, TaskSpec.Spectrum.EQUAL, 12, 32, 0);
        for (int seed = 0; seed < 8; seed++) {
            specs.add(new RunSpec("resume-test", task, NetConfig.linear(16, 4, NetConfig.Init.DEFAULT),
                    new OptimizerSpec("SGD", 0.05), 3000, 0, seed, false));
        }
        return specs;
    }

    public static void main(String[] args) {
        new Runner(Path.of(args[0]), Integer.parseInt(args[1])).run(specs());
    }
}

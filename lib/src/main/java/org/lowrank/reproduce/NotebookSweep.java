package org.lowrank.reproduce;

import java.util.function.Consumer;

import org.lowrank.experiment.Runner;

/**
 * The training runs of one notebook, as its cells define them at one scale: every run goes through the given
 * {@link Runner} (learning-rate sweeps first, then the runs they pick rates for), so the sweep resumes, shards and
 * runs on any engine the runner has.
 */
public interface NotebookSweep extends Sweep {
    /** Runs (or loads) every run of the notebook through {@code runner}; progress lines go to {@code log}. */
    void run(Runner runner, Consumer<String> log);
}

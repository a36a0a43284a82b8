package org.lowrank.claims;

import java.util.List;

import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.RunResult;

/**
 * What a driver that tunes the learning rate on held-out seeds and then trains returns: every run at the chosen
 * rates (in the driver's order) and, per configuration, the sweep's choice with the runs trained at it.
 */
public record TunedRuns(List<RunResult> runs, List<LrSweep.Tuned> tuned) {
    /** Copies. */
    public TunedRuns {
        runs = List.copyOf(runs);
        tuned = List.copyOf(tuned);
    }
}

package org.lowrank.train;

import java.util.List;

import org.deeplearning4j.nn.api.Model;

/**
 * Outcome of {@link Trainer#fit}.
 *
 * @param model                the trained network (a restored instance when the run resumed from a checkpoint)
 * @param history              per-epoch metrics of the whole run, resumed epochs included (read back from the CSV)
 * @param resumedFromIteration the checkpoint iteration this run continued from, or -1 for a fresh run
 * @param seconds              wall seconds of this call
 */
public record TrainResult(Model model, List<EpochMetrics> history, int resumedFromIteration, double seconds) {
    /** Immutable copy. */
    public TrainResult {
        history = List.copyOf(history);
    }

    /** Metrics of the last epoch. */
    public EpochMetrics last() {
        if (history.isEmpty()) throw new IllegalStateException("no epoch completed");
        return history.get(history.size() - 1);
    }
}

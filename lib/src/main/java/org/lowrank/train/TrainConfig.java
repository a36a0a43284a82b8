package org.lowrank.train;

import java.nio.file.Path;

/**
 * Settings of a {@link Trainer} run.
 *
 * @param epochs            epochs to train (total, including any resumed part)
 * @param seed              run seed: ND4J's RNG is re-seeded from (seed, iteration) before every step so a
 *                          resumed run draws the same random numbers (dropout etc.) as an uninterrupted one
 * @param checkpointDir     checkpoint directory, or null for none
 * @param checkpointEvery   checkpoint every this many iterations (> 0; also at every epoch end); ignored without a dir
 * @param resume            continue from the checkpoint in {@code checkpointDir} if there is one
 * @param resultsCsv        per-epoch metrics appended here as produced, or null
 * @param progress          progress display
 * @param logEvery          iterations between LINES-mode log lines (0: five per epoch)
 * @param divergenceFactor  stop when a minibatch loss exceeds this × the first step's loss (> 1; default 5: DL4J's
 *                          clipped cross-entropy saturates near 23 = 10×ln 10, so NaN alone is not a signal);
 *                          a NaN/∞ loss or parameter always stops
 * @param label             a short name printed in progress lines (e.g. "expanded d=4 seed 2")
 */
public record TrainConfig(int epochs, long seed, Path checkpointDir, int checkpointEvery, boolean resume,
                          Path resultsCsv, Progress progress, int logEvery, double divergenceFactor, String label) {
    /** Validates. */
    public TrainConfig {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        if (checkpointEvery <= 0) throw new IllegalArgumentException("checkpointEvery must be > 0, got " + checkpointEvery);
        if (logEvery < 0) throw new IllegalArgumentException("logEvery must be >= 0, got " + logEvery);
        if (!(divergenceFactor > 1)) throw new IllegalArgumentException("divergenceFactor must be > 1, got " + divergenceFactor);
        if (progress == null) throw new IllegalArgumentException("progress must not be null (use Progress.auto())");
        if (label == null) label = "";
    }

    /** {@code epochs} epochs with {@code seed}: no checkpoints, no CSV, automatic progress, divergence at 5× the first loss. */
    public static TrainConfig of(int epochs, long seed) {
        return new TrainConfig(epochs, seed, null, 1000, true, null, Progress.auto(), 0, 5.0, "");
    }

    /** With checkpoints every {@code every} iterations in {@code dir} (resuming from it when present). */
    public TrainConfig withCheckpoints(Path dir, int every) {
        return new TrainConfig(epochs, seed, dir, every, resume, resultsCsv, progress, logEvery, divergenceFactor, label);
    }

    /** With a results CSV. */
    public TrainConfig withResultsCsv(Path csv) {
        return new TrainConfig(epochs, seed, checkpointDir, checkpointEvery, resume, csv, progress, logEvery, divergenceFactor, label);
    }

    /** With a progress mode and LINES interval. */
    public TrainConfig withProgress(Progress p, int every) {
        return new TrainConfig(epochs, seed, checkpointDir, checkpointEvery, resume, resultsCsv, p, every, divergenceFactor, label);
    }

    /** With a divergence factor. */
    public TrainConfig withDivergenceFactor(double f) {
        return new TrainConfig(epochs, seed, checkpointDir, checkpointEvery, resume, resultsCsv, progress, logEvery, f, label);
    }

    /** With a label for progress lines. */
    public TrainConfig withLabel(String l) {
        return new TrainConfig(epochs, seed, checkpointDir, checkpointEvery, resume, resultsCsv, progress, logEvery, divergenceFactor, l);
    }
}

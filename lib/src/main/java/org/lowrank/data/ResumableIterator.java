package org.lowrank.data;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} whose sequence of batches is a pure function of (seed, epoch, batch index), so a
 * training run can checkpoint its position and resume it exactly.
 */
public interface ResumableIterator extends DataSetIterator {
    /** The current epoch (0-based); {@link #reset()} moves to the next epoch once a batch was consumed. */
    int epoch();

    /** Batches already returned in the current epoch. */
    int batchInEpoch();

    /** Number of batches per epoch. */
    int batchesPerEpoch();

    /** Positions the iterator so the next batch is batch {@code batch} of epoch {@code epoch}. */
    void seek(int epoch, int batch);

    /** Starts the next epoch if a batch of this one was consumed (new shuffle), else restarts this one. */
    @Override
    default void reset() {
        seek(batchInEpoch() > 0 ? epoch() + 1 : epoch(), 0);
    }

    @Override
    default boolean resetSupported() { return true; }

    /** Batches are made on the caller's thread (or by the iterator's own prefetch), never by DL4J's async wrapper. */
    @Override
    default boolean asyncSupported() { return false; }
}

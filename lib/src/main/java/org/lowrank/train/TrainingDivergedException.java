package org.lowrank.train;

/** Training stopped because the loss became NaN/infinite or exceeded the divergence bound. */
public class TrainingDivergedException extends RuntimeException {
    private final int epoch, iteration;
    private final double loss;

    /** A divergence at {@code epoch}/{@code iteration} with {@code loss}. */
    public TrainingDivergedException(int epoch, int iteration, double loss, String message) {
        super(message);
        this.epoch = epoch;
        this.iteration = iteration;
        this.loss = loss;
    }

    /** Epoch (0-based) of the bad step. */
    public int epoch() { return epoch; }
    /** Global iteration of the bad step (1-based count of steps taken). */
    public int iteration() { return iteration; }
    /** The offending loss. */
    public double loss() { return loss; }
}

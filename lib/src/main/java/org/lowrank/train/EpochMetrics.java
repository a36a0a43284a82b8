package org.lowrank.train;

/**
 * One row of the results CSV: metrics at the end of an epoch.
 *
 * @param epoch             1-based number of completed epochs
 * @param iteration         optimizer steps taken so far
 * @param trainLoss         mean minibatch loss over the epoch (as reported by DL4J's score, incl. regularisation)
 * @param trainAccuracy     accuracy on the training evaluation set (no augmentation), NaN if none
 * @param testAccuracy      accuracy on the test set, NaN if none
 * @param learningRate      learning rate at the end of the epoch (first layer), NaN if unknown
 * @param examplesPerSecond training throughput of the epoch (excluding evaluation)
 * @param seconds           wall seconds of the epoch including evaluation
 */
public record EpochMetrics(int epoch, int iteration, double trainLoss, double trainAccuracy, double testAccuracy,
                           double learningRate, double examplesPerSecond, double seconds) {
    /** CSV header. */
    public static final String HEADER = "epoch,iteration,train_loss,train_acc,test_acc,lr,examples_per_s,seconds";

    /** Generalisation gap: train − test accuracy. */
    public double gap() { return trainAccuracy - testAccuracy; }

    /** One CSV line (no newline). */
    public String toCsv() {
        return epoch + "," + iteration + "," + trainLoss + "," + trainAccuracy + "," + testAccuracy + "," + learningRate
                + "," + examplesPerSecond + "," + seconds;
    }

    /** Parses {@link #toCsv()}. */
    public static EpochMetrics parse(String line) {
        String[] f = line.split(",");
        if (f.length != 8) throw new IllegalArgumentException("line must have 8 comma-separated fields, got: " + line);
        return new EpochMetrics(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]));
    }
}

package org.lowrank.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;
import org.lowrank.data.ImageDataset;

/**
 * Result of a learning-rate sweep ({@link CnnExperiment#sweepLearningRates}): one short training run per
 * (depth, learning rate), scored on a validation split carved from the training data. Deep linear chains change the
 * effective step size (docs/reproduction-notes.md pitfall 10), so a fair plain-vs-expanded comparison gives each depth its best rate.
 * Unlike {@link org.lowrank.experiment.LrSweep} (linear nets on synthetic tasks, scored by training loss), the score
 * here is held-out accuracy, since the C9 claim is about generalisation.
 *
 * @param trials         one per (depth, lr), in sweep order
 * @param epochs         epochs of each trial
 * @param trainSize      images the trials trained on
 * @param validationSize images they were scored on
 * @param seed           seed of every trial
 */
public record CnnLrSweep(List<Trial> trials, int epochs, int trainSize, int validationSize, long seed) {
    /** Validates and copies. */
    public CnnLrSweep {
        if (trials == null || trials.isEmpty()) throw new IllegalArgumentException("trials must be non-empty");
        trials = List.copyOf(trials);
    }

    /**
     * One trial.
     *
     * @param depth              factors per layer (1: plain)
     * @param lr                 initial learning rate
     * @param validationAccuracy accuracy on the validation split after the last epoch (NaN if diverged)
     * @param trainLoss          mean training loss of the last epoch (the loss that stopped it if diverged)
     * @param diverged           stopped by the harness's divergence check
     * @param seconds            wall seconds
     */
    public record Trial(int depth, double lr, double validationAccuracy, double trainLoss, boolean diverged, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s lr %.3g: %s (train loss %.4f, %.0f s)", depth == 1 ? "plain" : "expanded d=" + depth,
                    lr, diverged ? "diverged" : String.format(Locale.ROOT, "validation acc %.4f", validationAccuracy), trainLoss, seconds);
        }
    }

    /**
     * A stratified train / validation split of a training set.
     *
     * @param train      the images trials train on
     * @param validation the held-out images they are scored on (disjoint from {@code train})
     */
    public record Split(ImageDataset train, ImageDataset validation) {
        /**
         * Holds out {@code round(fraction × count)} images of each class, chosen with {@code seed}.
         *
         * @throws IllegalArgumentException unless 0 &lt; fraction &lt; 1 and every class keeps at least one image on each side
         */
        public static Split of(ImageDataset data, double fraction, long seed) {
            if (data == null) throw new IllegalArgumentException("data must not be null");
            if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
            int[] counts = data.classCounts();
            int[] held = new int[counts.length];
            for (int c = 0; c < counts.length; c++) {
                held[c] = (int) Math.round(fraction * counts[c]);
                if (counts[c] > 0 && (held[c] == 0 || held[c] == counts[c])) {
                    throw new IllegalArgumentException("fraction = " + fraction + " leaves class " + c + " (" + counts[c]
                            + " images) with an empty train or validation part");
                }
            }
            int[] perm = new int[data.size()];
            for (int i = 0; i < perm.length; i++) perm[i] = i;
            MathArrays.shuffle(perm, new Well19937c(seed));
            int[] taken = new int[counts.length];
            List<Integer> tr = new ArrayList<>(), va = new ArrayList<>();
            for (int i : perm) {
                int l = data.label(i);
                if (taken[l] < held[l]) {
                    taken[l]++;
                    va.add(i);
                } else {
                    tr.add(i);
                }
            }
            return new Split(data.subset(tr.stream().mapToInt(Integer::intValue).sorted().toArray()),
                    data.subset(va.stream().mapToInt(Integer::intValue).sorted().toArray()));
        }
    }

    /** The trials of {@code depth}, in sweep order. */
    public List<Trial> trials(int depth) {
        return trials.stream().filter(t -> t.depth() == depth).toList();
    }

    /**
     * The trial of {@code depth} with the highest validation accuracy; diverged (NaN) trials are never picked; on a
     * tie the earlier trial in sweep order wins.
     *
     * @throws IllegalArgumentException if the sweep has no trial of {@code depth} or all of them diverged
     */
    public Trial best(int depth) {
        Trial best = null;
        for (Trial t : trials(depth)) {
            if (Double.isNaN(t.validationAccuracy())) continue;
            if (best == null || t.validationAccuracy() > best.validationAccuracy()) best = t;
        }
        if (best == null) {
            throw new IllegalArgumentException("depth = " + depth + ": no converged trial in the sweep (depths "
                    + Arrays.toString(trials.stream().mapToInt(Trial::depth).distinct().toArray()) + ")");
        }
        return best;
    }

    /** The learning rate of {@link #best(int)}. */
    public double bestLr(int depth) { return best(depth).lr(); }
}

package org.lowrank.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;
import org.lowrank.data.ImageDataset;
import org.lowrank.optim.LrSearch;

/**
 * Result of a learning-rate sweep ({@link CnnExperiment#sweepLearningRates}): short training runs per
 * (depth, learning rate), scored on a validation split carved from the training data. Deep linear chains change the
 * effective step size (docs/reproduction-notes.md pitfall 10), so a fair plain-vs-expanded comparison gives each depth its best rate.
 * The choice is {@link LrSearch}'s rule, the same as the small-net sweep's ({@code experiment.LrSweep}), with the
 * validation error (1 − accuracy) as the score, since the C9 claim is about generalisation: ties go to the smaller
 * rate, a best rate at an edge of the grid extends it geometrically (at most {@code maxExtensions} rates per depth),
 * and a depth whose every rate diverged has no choice ({@link LrSearch.AllDivergedException}).
 *
 * @param trials         one per (depth, lr), in sweep order
 * @param epochs         epochs of each trial
 * @param trainSize      images the trials trained on
 * @param validationSize images they were scored on
 * @param seed           seed of every trial
 * @param gridSize       rates in the initial grid (trials of a depth beyond it are extensions)
 * @param maxExtensions  the sweep's bound on extensions per depth
 */
public record CnnLrSweep(List<Trial> trials, int epochs, int trainSize, int validationSize, long seed, int gridSize, int maxExtensions) {
    /** Validates and copies. */
    public CnnLrSweep {
        if (trials == null || trials.isEmpty()) throw new IllegalArgumentException("trials must be non-empty");
        if (gridSize < 1) throw new IllegalArgumentException("gridSize must be >= 1, got " + gridSize);
        if (maxExtensions < 0) throw new IllegalArgumentException("maxExtensions must be >= 0, got " + maxExtensions);
        trials = List.copyOf(trials);
    }

    /** A sweep without extensions: every depth's trials are its grid. */
    public CnnLrSweep(List<Trial> trials, int epochs, int trainSize, int validationSize, long seed) {
        this(trials, epochs, trainSize, validationSize, seed,
                trials == null || trials.isEmpty() ? 1 : (int) trials.stream().filter(t -> t.depth() == trials.get(0).depth()).count(), 0);
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
        /** The trial as numbers (exact, for a results CSV): depth, lr, validation accuracy, train loss, diverged (1/0), seconds. */
        public double[] flatten() {
            return new double[]{depth, lr, validationAccuracy, trainLoss, diverged ? 1 : 0, seconds};
        }

        /** The trial whose {@link #flatten} is {@code v}. */
        public static Trial of(double[] v) {
            if (v == null || v.length != 6) {
                throw new IllegalArgumentException("values must be 6 numbers (Trial.flatten), got " + (v == null ? "null" : v.length));
            }
            return new Trial((int) v[0], v[1], v[2], v[3], v[4] == 1, v[5]);
        }

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
     * The {@link LrSearch} verdict for {@code depth}: the rates tried with their validation error, the choice, and
     * whether it is interior.
     *
     * @throws IllegalArgumentException      if the sweep has no trial of {@code depth}
     * @throws LrSearch.AllDivergedException if all of them diverged
     */
    public LrSearch.Result search(int depth) {
        List<Trial> ts = trials(depth);
        if (ts.isEmpty()) {
            throw new IllegalArgumentException("depth = " + depth + ": no trial in the sweep (depths "
                    + Arrays.toString(trials.stream().mapToInt(Trial::depth).distinct().toArray()) + ")");
        }
        List<LrSearch.Point> pts = ts.stream().map(t -> new LrSearch.Point(t.lr(), t.diverged() ? Double.NaN : 1 - t.validationAccuracy())).toList();
        return LrSearch.select(configuration(depth), pts, Math.max(0, ts.size() - gridSize), maxExtensions);
    }

    /** How a depth is named in messages (and in {@link LrSearch}'s). */
    public static String configuration(int depth) {
        return "CNN " + (depth == 1 ? "plain" : "expanded d=" + depth);
    }

    /**
     * The trial of {@code depth} chosen by {@link #search(int)}: the highest validation accuracy, ties to the smaller
     * rate; diverged trials are never picked.
     *
     * @throws IllegalArgumentException      if the sweep has no trial of {@code depth}
     * @throws LrSearch.AllDivergedException if all of them diverged
     */
    public Trial best(int depth) {
        double lr = search(depth).lr();
        return trials(depth).stream().filter(t -> t.lr() == lr).findFirst().orElseThrow();
    }

    /** The learning rate of {@link #best(int)}. */
    public double bestLr(int depth) { return best(depth).lr(); }
}

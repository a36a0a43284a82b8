package org.lowrank.notebook;

import java.util.List;
import java.util.Locale;

import org.lowrank.claims.ComparisonTable;
import org.lowrank.train.CnnExperiment;
import org.lowrank.train.CnnLrSweep;

/** Tables of experiment results as notebooks print them. */
public final class Tables {
    private Tables() {}

    /** One row per C9 run (accuracy on the evaluation sets; ρ(K) of the penultimate test embeddings). */
    public static ComparisonTable cnnRuns(List<CnnExperiment.Run> runs) {
        ComparisonTable t = new ComparisonTable("Runs (accuracy on the evaluation sets; rho(K): cosine kernel of penultimate test embeddings)",
                "model", "LR", "seed", "train acc", "test acc", "gap", "rho(K)", "collapsed test acc", "params trained", "params inference", "seconds");
        for (CnnExperiment.Run r : runs) {
            t.row(r.model(), String.format(Locale.ROOT, "%.3g", r.lr()), r.seed(), r.trainAccuracy(), r.testAccuracy(), r.gap(), r.rhoK(), r.collapsedTestAccuracy(),
                    r.trainedParams(), r.collapsedParams(), String.format(Locale.ROOT, "%.0f", r.seconds()));
        }
        return t;
    }

    /**
     * One row per depth of a learning-rate sweep: validation accuracy at each rate tried (ascending; "–" where a depth
     * did not try it), the rate picked, and the search's note (grid extensions; a choice still at an edge).
     */
    public static ComparisonTable lrSweep(CnnLrSweep sweep) {
        List<CnnLrSweep.Trial> trials = sweep.trials();
        double[] lrs = trials.stream().mapToDouble(CnnLrSweep.Trial::lr).distinct().sorted().toArray();
        String[] cols = new String[lrs.length + 3];
        cols[0] = "model";
        for (int i = 0; i < lrs.length; i++) cols[i + 1] = String.format(Locale.ROOT, "val acc @ lr %.3g", lrs[i]);
        cols[cols.length - 2] = "picked lr";
        cols[cols.length - 1] = "note";
        ComparisonTable t = new ComparisonTable(String.format(Locale.ROOT,
                "LR sweep: validation accuracy after %d epochs (train %d / validation %d images from the training set, seed %d)",
                sweep.epochs(), sweep.trainSize(), sweep.validationSize(), sweep.seed()), cols);
        for (int d : trials.stream().mapToInt(CnnLrSweep.Trial::depth).distinct().toArray()) {
            Object[] row = new Object[cols.length];
            row[0] = d == 1 ? "plain" : "expanded d=" + d;
            for (int i = 0; i < lrs.length; i++) {
                final double lr = lrs[i];
                row[i + 1] = sweep.trials(d).stream().filter(x -> x.lr() == lr).findFirst()
                        .map(x -> x.diverged() ? "diverged" : (Object) x.validationAccuracy()).orElse("–");
            }
            boolean any = sweep.trials(d).stream().anyMatch(x -> !Double.isNaN(x.validationAccuracy()));
            row[cols.length - 2] = any ? String.format(Locale.ROOT, "%.3g", sweep.bestLr(d)) : "none (all diverged)";
            row[cols.length - 1] = any ? sweep.search(d).note() : "";
            t.row(row);
        }
        return t;
    }
}

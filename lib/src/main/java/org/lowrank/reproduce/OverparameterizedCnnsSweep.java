package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lowrank.claims.CnnRuns;
import org.lowrank.data.ImageDataset;
import org.lowrank.expand.Expand;
import org.lowrank.notebook.Scale;
import org.lowrank.optim.LrSearch;
import org.lowrank.train.CnnExperiment;
import org.lowrank.train.CnnLrSweep;
import org.lowrank.train.Progress;

/**
 * Notebook 09 (over-parameterized CNNs, C9) at its {@link CnnRuns.Setup}: the learning-rate sweep's trials and the
 * trained models, every one a cell of {@code draws.csv}, so a killed sweep keeps every finished trial and model.
 *
 * <p>The cells come in stages ({@link DrawSweep#cells(Map)}): first the sweep's trials,
 * {@code lr|d=D|lr=R} (values {@link CnnLrSweep.Trial#flatten}), round by round as {@link LrSearch} asks for them
 * (the initial grid, then an extension when a depth's best rate is at an edge); once every depth has its rate, the
 * models {@code run|d=D|seed=S} (values {@link CnnExperiment.Run#flatten}), seed-major. A trial trains through
 * {@link CnnExperiment#trial} and a model through {@link CnnExperiment#run}, the notebook's own code, so a cell's
 * numbers are the notebook path's for the same seed and thread count. Local engine only, whole sweep (no shards:
 * the models need every trial first).
 *
 * @param setup the experiment
 */
public record OverparameterizedCnnsSweep(CnnRuns.Setup setup) implements DrawSweep {

    /** Validates. */
    public OverparameterizedCnnsSweep {
        if (setup == null) throw new IllegalArgumentException("setup must not be null");
    }

    /**
     * The sweep at {@code scale}: only {@link Scale#MEDIUM} ({@link CnnRuns.Setup#medium()}); the quick scale runs
     * live in the notebook and the paper scale (CIFAR-100, 180 epochs) needs a GPU.
     */
    public static OverparameterizedCnnsSweep at(Scale scale) {
        if (scale != Scale.MEDIUM) {
            throw new IllegalArgumentException("--scale " + scale + ": notebook 09's sweep has only the medium scale (allowed: medium);"
                    + " its quick scale runs live in the notebook, its paper scale (CIFAR-100) needs a GPU");
        }
        return new OverparameterizedCnnsSweep(CnnRuns.Setup.medium());
    }

    @Override
    public String notebook() {
        return "09_overparameterized_cnns";
    }

    @Override
    public boolean staged() {
        return true;
    }

    /** The key of a sweep trial's cell. */
    public static String trialKey(int depth, double lr) {
        return "lr|d=" + depth + "|lr=" + lr;
    }

    /** The key of a trained model's cell. */
    public static String runKey(int depth, long seed) {
        return "run|d=" + depth + "|seed=" + seed;
    }

    /** The first stage: the initial grid's trials. */
    @Override
    public List<Cell> cells() {
        return cells(Map.of());
    }

    @Override
    public List<Cell> cells(Map<String, double[]> done) {
        Data data = new Data(setup);
        List<Cell> cells = new ArrayList<>();
        List<CnnLrSweep.Trial> trials = new ArrayList<>();
        boolean chosen = true;
        for (int d : setup.depths()) {
            LrSearch search = new LrSearch(CnnLrSweep.configuration(d), setup.lrGrid(), setup.maxExtensions());
            while (!search.done()) {
                double[] pending = search.pending();
                double[] scores = new double[pending.length];
                boolean all = true;
                for (int i = 0; i < pending.length; i++) {
                    double lr = pending[i];
                    String key = trialKey(d, lr);
                    double[] v = done.get(key);
                    cells.add(new Cell(key, data.trial(d, lr)));
                    if (v == null) {
                        all = false;
                        continue;
                    }
                    CnnLrSweep.Trial t = CnnLrSweep.Trial.of(v);
                    trials.add(t);
                    scores[i] = t.diverged() ? Double.NaN : 1 - t.validationAccuracy();
                }
                if (!all) {
                    chosen = false;
                    break;
                }
                search.record(scores);
            }
        }
        if (!chosen) return cells;
        CnnLrSweep sweep = lrSweep(trials);
        for (long seed : setup.seeds()) for (int d : setup.depths()) cells.add(new Cell(runKey(d, seed), data.run(d, seed, sweep.bestLr(d))));
        return cells;
    }

    /** The learning-rate sweep of {@code cells} (its trials in the order the sweep ran them); needs every depth's trials. */
    public CnnLrSweep lrSweep(Map<String, double[]> cells) {
        List<CnnLrSweep.Trial> trials = new ArrayList<>();
        for (Map.Entry<String, double[]> e : cells.entrySet()) if (e.getKey().startsWith("lr|")) trials.add(CnnLrSweep.Trial.of(e.getValue()));
        for (int d : setup.depths()) {
            if (trials.stream().noneMatch(t -> t.depth() == d)) {
                throw new IllegalArgumentException("the cells have no learning-rate trial of depth " + d + "; the sweep is incomplete");
            }
        }
        return lrSweep(trials);
    }

    private CnnLrSweep lrSweep(List<CnnLrSweep.Trial> trials) {
        int train = (int) Math.round(10 * setup.trainPerClass() * (1 - setup.validationFraction()));
        return new CnnLrSweep(trials, setup.sweepEpochs(), train, 10 * setup.trainPerClass() - train, setup.sweepSeed(),
                setup.lrGrid().length, setup.maxExtensions());
    }

    /** The trained models in {@code cells}, seed-major as the notebook lists them. */
    public List<CnnExperiment.Run> runs(Map<String, double[]> cells) {
        List<CnnExperiment.Run> runs = new ArrayList<>();
        for (long seed : setup.seeds()) for (int d : setup.depths()) {
            double[] v = cells.get(runKey(d, seed));
            if (v != null) runs.add(CnnExperiment.Run.of(v));
        }
        return runs;
    }

    /** The seeds whose models of every depth are in {@code cells}, in the setup's order. */
    public List<Long> completeSeeds(Map<String, double[]> cells) {
        List<Long> out = new ArrayList<>();
        for (long seed : setup.seeds()) {
            boolean all = true;
            for (int d : setup.depths()) all &= cells.containsKey(runKey(d, seed));
            if (all) out.add(seed);
        }
        return out;
    }

    /** The models of the complete seeds ({@link #completeSeeds}): the paired design the claim checks need. */
    public List<CnnExperiment.Run> pairedRuns(Map<String, double[]> cells) {
        List<Long> complete = completeSeeds(cells);
        return runs(cells).stream().filter(r -> complete.contains(r.seed())).toList();
    }

    /** A one-line account of {@code cells}: trials, models and complete seeds. */
    public String summary(Map<String, double[]> cells) {
        long trials = cells.keySet().stream().filter(k -> k.startsWith("lr|")).count();
        return String.format(Locale.ROOT, "%d learning-rate trials, %d of %d models, complete seeds %s", trials, runs(cells).size(),
                setup.seeds().length * setup.depths().length, completeSeeds(cells));
    }

    /** The data and recipe, loaded once per {@link #cells(Map)} call and only when a cell computes. */
    private static final class Data {
        private final CnnRuns.Setup setup;
        private ImageDataset train, test;

        Data(CnnRuns.Setup setup) {
            this.setup = setup;
        }

        private synchronized void load() {
            if (train == null) {
                train = setup.train();
                test = setup.test();
            }
        }

        java.util.function.Supplier<double[]> trial(int depth, double lr) {
            return () -> {
                Expand.enableOneDnnHelpers();
                load();
                CnnExperiment.Settings s = setup.settings(train, Progress.NONE);
                return CnnExperiment.trial(s, setup.split(train), setup.sweepEpochs(), depth, lr, setup.sweepSeed()).flatten();
            };
        }

        java.util.function.Supplier<double[]> run(int depth, long seed, double lr) {
            return () -> {
                Expand.enableOneDnnHelpers();
                load();
                CnnExperiment.Settings s = setup.settings(train, Progress.NONE).withLr(lr);
                java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
                return CnnExperiment.run(s, train, train, test, depth, seed, quiet).flatten();
            };
        }
    }
}

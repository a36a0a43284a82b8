package org.lowrank.experiment;

import org.lowrank.random.Nonlinearity;

import org.lowrank.optim.*;
import org.lowrank.random.Seeds;
import org.lowrank.rank.RankMetrics;

/**
 * Runs one {@link RunSpec} on the fast path ({@link DeepNet}), full batch: first-order rules step every layer
 * each iteration with per-layer state; L-BFGS, CMA-ES and random search see the flattened weights. Stops at
 * {@code tolerance}, at the budget, or when the loss stops being finite, exceeds 1e6 or (first-order) 10× its initial
 * value (diverged).
 */
public final class FastTrainer {
    private FastTrainer() {}

    /** Loss above which a run counts as diverged. */
    public static final double DIVERGED = 1e6;

    /** A first-order run whose training loss exceeds this multiple of its initial loss counts as diverged. */
    public static final double SPIKE = 10;

    /** How many times a diverged first-order run is restarted at half the learning rate. */
    public static final int RETRIES = 3;

    /**
     * Trains and measures one run. A first-order run that diverges (a learning rate picked by a short sweep on one
     * seed can be too large for another seed or a longer run) restarts from the same init at half the learning rate,
     * up to {@value #RETRIES} times; the result's {@code lr} is the rate actually used.
     */
    public static RunResult run(RunSpec spec) {
        long t0 = System.nanoTime();
        Task task = spec.task().generate(spec.seed());
        RunSpec s = spec;
        for (int attempt = 0; ; attempt++) {
            DeepNet net = new DeepNet(spec.net(), Seeds.netInit(spec.seed()));
            RunResult r = run(s, task, net, t0);
            if (r.status() != RunStatus.DIVERGED || !s.optimizer().isFirstOrder() || attempt == RETRIES) {
                return s == spec ? r : withKey(r, spec.key());
            }
            s = s.withLr(s.optimizer().lr() / 2);
        }
    }

    private static RunResult withKey(RunResult r, String key) {
        return new RunResult(key, r.group(), r.depth(), r.activation(), r.init(), r.targetRank(), r.optimizer(), r.lr(), r.seed(),
                r.steps(), r.status(), r.trainLoss(), r.testLoss(), r.rhoInit(), r.rhoFinal(), r.gramInit(), r.gramFinal(),
                r.rhoTarget(), r.seconds());
    }

    /** Trains a given network (modified in place) on a given task. */
    public static RunResult run(RunSpec spec, Task task, DeepNet net, long startNanos) {
        TaskSpec ts = spec.task();
        boolean linear = spec.net().activation() == Nonlinearity.LINEAR;
        double rhoInit = linear ? net.endToEndRank() : Double.NaN;
        double gramInit = spec.gram() ? gramRank(net, task) : Double.NaN;
        int nTr = ts.nTrain();
        OptimizerSpec os = spec.optimizer();
        int steps = 0;
        RunStatus status = RunStatus.BUDGET;
        if (os.isFirstOrder()) {
            int d = spec.net().depth();
            FirstOrder[] rules = new FirstOrder[d];
            double[][] states = new double[d][], grads = net.newGradients();
            for (int i = 0; i < d; i++) {
                rules[i] = os.firstOrder(spec.net().rows(i), spec.net().cols(i));
                states[i] = new double[rules[i].stateSize(grads[i].length)];
            }
            double first = Double.NaN;
            for (int t = 1; t <= spec.maxSteps(); t++) {
                double loss = net.lossAndGradient(task.xTrain(), task.yTrain(), nTr, grads);
                if (t == 1) first = loss;
                // a spike to 10x the initial loss counts as divergence: at the edge of stability deep products can
                // blow up and fall back into a collapsed, near-rank-0 state instead of overflowing
                if (!Double.isFinite(loss) || loss > DIVERGED || loss > SPIKE * first) {
                    status = RunStatus.DIVERGED;
                    break;
                }
                if (loss <= spec.tolerance()) {
                    status = RunStatus.CONVERGED;
                    break;
                }
                for (int i = 0; i < d; i++) {
                    rules[i].step(net.layer(i), grads[i], states[i], spec.net().rows(i), spec.net().cols(i), t);
                }
                steps = t;
            }
        } else if (os.optimizer() == Optimizer.LBFGS) {
            double[][] grads = net.newGradients();
            DifferentiableFunction f = (x, g) -> {
                net.unflatten(x);
                double v = net.lossAndGradient(task.xTrain(), task.yTrain(), nTr, grads);
                int o = 0;
                for (double[] gi : grads) {
                    System.arraycopy(gi, 0, g, o, gi.length);
                    o += gi.length;
                }
                return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
            };
            LBfgs lb = new LBfgs(Optimizer.LBFGS_HISTORY, os.lr(), 0, 0);
            OptimResult r = lb.minimize(stopAt(f, spec.tolerance()), net.flatten(), spec.maxSteps());
            net.unflatten(r.x());
            steps = r.iterations();
        } else {
            java.util.function.ToDoubleFunction<double[]> f = x -> {
                net.unflatten(x);
                double v = net.loss(task.xTrain(), task.yTrain(), nTr);
                return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
            };
            OptimResult r = os.optimizer() == Optimizer.CMAES
                    ? new CmaEs(os.lr(), 0, spec.maxSteps(), CmaEs.Variant.SEPARABLE).minimize(f, net.flatten(), spec.seed())
                    : new RandomSearch(os.lr(), Optimizer.RANDOM_SEARCH_POPULATION, spec.maxSteps()).minimize(f, net.flatten(), spec.seed());
            net.unflatten(r.x());
            steps = r.evaluations();
        }
        double train = net.loss(task.xTrain(), task.yTrain(), nTr);
        double test = net.loss(task.xTest(), task.yTest(), ts.nTest());
        if (status != RunStatus.DIVERGED) {
            if (!Double.isFinite(train) || train > DIVERGED) status = RunStatus.DIVERGED;
            else if (train <= spec.tolerance()) status = RunStatus.CONVERGED;
        }
        boolean finite = status != RunStatus.DIVERGED;
        double rhoFinal = linear && finite ? net.endToEndRank() : Double.NaN;
        double gramFinal = spec.gram() && finite ? gramRank(net, task) : Double.NaN;
        double rhoTarget = RankMetrics.effectiveRank(org.lowrank.linalg.Gemm.toMatrix(task.target(), ts.outputDim(), ts.inputDim()));
        return new RunResult(spec.key(), spec.group(), spec.net().depth(), spec.net().activation().name(),
                spec.net().init().name(), ts.rank(), os.name(), os.lr(), spec.seed(), steps, status, train, test,
                rhoInit, rhoFinal, gramInit, gramFinal, rhoTarget, (System.nanoTime() - startNanos) / 1e9);
    }

    /** L-BFGS stops once the loss is at the tolerance: report a zero gradient from then on. */
    private static DifferentiableFunction stopAt(DifferentiableFunction f, double tol) {
        return (x, g) -> {
            double v = f.valueAndGradient(x, g);
            if (v <= tol) java.util.Arrays.fill(g, 0);
            return v;
        };
    }

    /**
     * ρ(K), K the cosine Gram matrix of the penultimate embeddings of the test inputs. The cosine kernel is undefined
     * when an embedding row is zero (e.g. a dead ReLU layer) or not finite: then the result is NaN, by that check
     * alone; any other failure propagates.
     */
    public static double gramRank(DeepNet net, Task task) {
        int n = task.spec().nTest(), m = net.embeddingDim();
        double[] phi = net.embed(task.xTest(), n);
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < m; j++) sq += phi[i * m + j] * phi[i * m + j];
            if (!(sq > 0) || !Double.isFinite(sq)) return Double.NaN;
        }
        return RankMetrics.gramEffectiveRankRowMajor(phi, n, m, true);
    }
}

package org.lowrank.optim;

import org.lowrank.linalg.Gemm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every optimizer reaches the minimizer of a convex quadratic f(x) = ½ Σ c_i (x_i − x*_i)², c_i ∈ [0.5, 2]. */
class OptimizerConvergenceTest {
    static final int N = 12;
    static final double[] C = new double[N], XSTAR = new double[N];

    static {
        Random r = new Random(3);
        for (int i = 0; i < N; i++) {
            C[i] = 0.5 + 1.5 * r.nextDouble();
            XSTAR[i] = r.nextGaussian();
        }
    }

    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i < N; i++) s += 0.5 * C[i] * (x[i] - XSTAR[i]) * (x[i] - XSTAR[i]);
        return s;
    }

    static double[] grad(double[] x) {
        double[] g = new double[N];
        for (int i = 0; i < N; i++) g[i] = C[i] * (x[i] - XSTAR[i]);
        return g;
    }

    static double dist(double[] x) {
        double m = 0;
        for (int i = 0; i < N; i++) m = Math.max(m, Math.abs(x[i] - XSTAR[i]));
        return m;
    }

    /** Runs a first-order rule; the matrix shape is 3×4 (used by Muon). */
    static double run(FirstOrder opt, int steps) {
        double[] x = new double[N], state = new double[opt.stateSize(N)];
        for (int t = 1; t <= steps; t++) opt.step(x, grad(x), state, 3, 4, t);
        return dist(x);
    }

    @Test
    void smoothFirstOrderReachMinimizer() {
        assertTrue(run(new Sgd(0.5), 400) < 1e-8);
        assertTrue(run(new HeavyBall(0.2, 0.8), 600) < 1e-8);
        assertTrue(run(new Nesterov(0.2, 0.8), 600) < 1e-8);
        assertTrue(run(new ScalarAdam(0.05, 0.9, 0.999, 1e-8), 4000) < 1e-4, "ScalarAdam");
        assertTrue(run(new Adam(0.05), 4000) < 1e-4, "Adam");
        assertTrue(run(new AdamW(0.05, 0), 4000) < 1e-4, "AdamW without decay");
        assertTrue(run(new RmsProp(0.001), 6000) < 1e-3, "RMSProp");
    }

    @Test
    void adamWWithDecayReachesShrunkMinimizer() {
        // With decoupled decay λ, the fixed point solves C(x − x*) ≈ 0 only up to the decay; Adam's step there
        // balances λ·x, so |x| < |x*| coordinate-wise. Check it moves close and strictly shrinks.
        double[] x = new double[N];
        AdamW opt = new AdamW(0.01, 0.01);
        double[] st = new double[opt.stateSize(N)];
        for (int t = 1; t <= 5000; t++) opt.step(x, grad(x), st, 1, N, t);
        assertTrue(dist(x) < 0.05);
    }

    @Test
    void signMethodsReachWithinStep() {
        // constant-step sign methods end oscillating within O(lr) of x*
        assertTrue(run(new Lion(1e-3), 6000) < 1e-2, "Lion");
        assertTrue(run(new Signum(1e-3, 0.9), 6000) < 1e-2, "Signum");
        assertTrue(run(new Muon(1e-3, 0.9, 5, 3, 4), 6000) < 2e-2, "Muon");
    }

    @Test
    void newtonSchulzApproximatesPolarFactor() {
        Random r = new Random(1);
        int rows = 5, cols = 8;
        double[] g = new double[rows * cols];
        for (int i = 0; i < g.length; i++) g[i] = r.nextGaussian();
        double[] o = Muon.newtonSchulz(g, rows, cols, 5);
        double[] s = org.lowrank.rank.RankMetrics.singularValues(Gemm.toMatrix(o, rows, cols));
        for (double v : s) assertTrue(v > 0.5 && v < 1.3, "singular value " + v);
        // same sign structure as G: <O, G> = Σ s_i(G)·s_i(O) > 0, and O Gᵀ is symmetric positive definite
        double[] ogt = new double[rows * rows];
        Gemm.mulABt(o, g, ogt, rows, cols, rows);
        for (int i = 0; i < rows; i++) for (int j = 0; j < rows; j++) assertEquals(ogt[i * rows + j], ogt[j * rows + i], 1e-6);
        double[] tall = Muon.newtonSchulz(Gemm.transpose(g, rows, cols), cols, rows, 5);
        assertArrayEquals(Gemm.transpose(o, rows, cols), tall, 1e-12);
    }

    @Test
    void lbfgsReachesMinimizer() {
        OptimResult r = LBfgs.defaults().minimize((x, g) -> {
            System.arraycopy(grad(x), 0, g, 0, N);
            return f(x);
        }, new double[N], 100);
        assertTrue(dist(r.x()) < 1e-7, "dist " + dist(r.x()));
    }

    @Test
    void cmaEsBothVariantsReachMinimizer() {
        for (CmaEs.Variant v : CmaEs.Variant.values()) {
            OptimResult r = new CmaEs(0.5, 0, 20000, v).minimize(OptimizerConvergenceTest::f, new double[N], 11);
            assertTrue(dist(r.x()) < 1e-4, v + " dist " + dist(r.x()));
        }
    }

    @Test
    void randomSearchReachesMinimizer() {
        OptimResult r = new RandomSearch(1.0, 30, 60000).minimize(OptimizerConvergenceTest::f, new double[N], 5);
        assertTrue(dist(r.x()) < 1e-3, "dist " + dist(r.x()));
    }

    @Test
    void nd4jUpdaterMatchesKernel() {
        // DL4J path: the GradientUpdater of each rule turns a gradient INDArray into the same step as the kernel
        FirstOrder[] rules = {new Sgd(0.1), new HeavyBall(0.1, 0.9), new Nesterov(0.1, 0.9), new Adam(0.01),
            new RmsProp(0.01), new Lion(0.01), new Signum(0.01, 0.9), new AdamW(0.01, 0.1).withoutDecay(), new Muon(0.01, 3, 4)};
        Random r = new Random(2);
        for (FirstOrder rule : rules) {
            INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, Math.max(1, rule.stateSize(2 * N)));
            var updater = rule.instantiate(view, true);
            double[] state = new double[rule.stateSize(2 * N)];
            for (int t = 1; t <= 3; t++) {
                double[] g = new double[2 * N];
                for (int i = 0; i < g.length; i++) g[i] = r.nextGaussian();
                INDArray gi = Nd4j.createFromArray(g.clone()).reshape(1, 2 * N);
                updater.applyUpdater(gi, t - 1, 0);
                double[] expect = g.clone();
                if (rule instanceof Muon m) {
                    for (int blk = 0; blk < 2; blk++) {
                        double[] gb = java.util.Arrays.copyOfRange(expect, blk * N, (blk + 1) * N);
                        double[] sb = java.util.Arrays.copyOfRange(state, blk * N, (blk + 1) * N);
                        m.update(null, gb, sb, 3, 4, t);
                        System.arraycopy(gb, 0, expect, blk * N, N);
                        System.arraycopy(sb, 0, state, blk * N, N);
                    }
                } else {
                    rule.update(null, expect, state, 1, 2 * N, t);
                }
                assertArrayEquals(expect, gi.toDoubleVector(), 1e-12, rule.name() + " step " + t);
            }
        }
    }

    @Test
    void rulesThatCannotKeepTheirContractUnderDl4jThrow() {
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, 2 * N + 1);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new ScalarAdam(0.01).instantiate(view, true));
        assertTrue(e.getMessage().contains("per block"), e.getMessage());
        e = assertThrows(UnsupportedOperationException.class, () -> new AdamW(0.01, 0.1).instantiate(view, true));
        assertTrue(e.getMessage().contains("withoutDecay"), e.getMessage());
        e = assertThrows(UnsupportedOperationException.class, () -> new Lion(0.01, 0.9, 0.99, 0.1).instantiate(view, true));
        assertTrue(e.getMessage().contains("withoutDecay"), e.getMessage());
        AdamW w = new AdamW(0.01, 0.1);
        assertEquals(0.1, w.dl4jWeightDecay().getCoeff().valueAt(0, 0), 0.0);
        assertEquals(0.0, w.withoutDecay().weightDecay(), 0.0);
        new Lion(0.01).instantiate(view, true);   // no decay: fine
    }

    @Test
    void badInputNamesArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(-1));
        assertTrue(e.getMessage().contains("lr"));
        e = assertThrows(IllegalArgumentException.class, () -> new HeavyBall(0.1, 1.5));
        assertTrue(e.getMessage().contains("momentum"));
        e = assertThrows(IllegalArgumentException.class, () -> new CmaEs(0.1, 1, 10, CmaEs.Variant.FULL));
        assertTrue(e.getMessage().contains("population"));
    }
}

package org.lowrank.sensing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Width, weight decay and orthogonal init of {@link DeepFactorization}. */
class FactorizationVariantsTest {
    private static final int N = 4;

    /** Objective of the factors: data loss of the product plus the configured decay. */
    private static double objective(SensingProblem p, FactorizationConfig cfg, double[][] w, int[] dims) {
        double[] prod = Mat.identity(N);
        for (int j = 0; j < w.length; j++) {
            double[] next = new double[dims[j + 1] * N];
            Mat.multiply(w[j], false, prod, false, next, dims[j + 1], dims[j], N);
            prod = next;
        }
        double loss = p.lossAndGradient(prod, new double[N * N]);
        double lam = cfg.weightDecay();
        if (cfg.decayOn() == DecayTarget.PRODUCT) for (double v : prod) loss += 0.5 * lam * v * v;
        else for (double[] f : w) for (double v : f) loss += 0.5 * lam * v * v;
        return loss;
    }

    /** Data loss after one step computed with finite-difference gradients, against the fit's recorded loss at step 1. */
    private static void oneStepMatchesFiniteDifferences(FactorizationConfig cfg) {
        SensingProblem p = new SensingProblem(MeasurementKind.GAUSSIAN, N, 1, 10, 2);
        int depth = cfg.depth(), h = cfg.hidden(N);
        int[] dims = new int[depth + 1];
        java.util.Arrays.fill(dims, h);
        dims[0] = N;
        dims[depth] = N;
        double[][] w = DeepFactorization.initFactors(cfg, dims, new Random(5));
        double lr = cfg.stepSize() / (depth * p.operatorNorm());
        double[][] next = new double[depth][];
        for (int j = 0; j < depth; j++) {
            next[j] = w[j].clone();
            for (int i = 0; i < w[j].length; i++) {
                double e = 1e-6, keep = w[j][i];
                w[j][i] = keep + e;
                double up = objective(p, cfg, w, dims);
                w[j][i] = keep - e;
                double down = objective(p, cfg, w, dims);
                w[j][i] = keep;
                next[j][i] -= lr * (up - down) / (2 * e);
            }
        }
        double expected = objective(p, cfg.withWeightDecay(0, DecayTarget.FACTORS), next, dims);
        SensingRun run = DeepFactorization.fit(p, cfg, 5);
        assertEquals(2, run.trace().size());
        assertEquals(expected, run.trace().get(1).loss(), 1e-7 * expected, cfg.toString());
    }

    private static FactorizationConfig base(int depth) {
        return new FactorizationConfig(depth, 0.8, 1.0, 1, 0, 1);
    }

    @Test
    void rectangularFactorsFollowTheGradient() {
        oneStepMatchesFiniteDifferences(base(3).withWidth(1.5));
        oneStepMatchesFiniteDifferences(base(2).withWidth(0.5));
    }

    @Test
    void weightDecayOnFactorsAndOnTheProductFollowTheirObjectives() {
        oneStepMatchesFiniteDifferences(base(3).withWeightDecay(0.3, DecayTarget.FACTORS));
        oneStepMatchesFiniteDifferences(base(3).withWeightDecay(0.3, DecayTarget.PRODUCT));
        oneStepMatchesFiniteDifferences(base(2).withWidth(2).withWeightDecay(0.2, DecayTarget.FACTORS));
    }

    @Test
    void squareDefaultsAreTheOriginalModel() {
        SensingProblem p = new SensingProblem(MeasurementKind.GAUSSIAN, 6, 2, 20, 1);
        FactorizationConfig old = new FactorizationConfig(3, 0.3, 1.0, 50, 0, 10);
        FactorizationConfig explicit = new FactorizationConfig(3, 0.3, 1.0, 50, 0, 10, false, 1.0, FactorInit.GAUSSIAN, 0.0,
                DecayTarget.PRODUCT);
        assertEquals(DeepFactorization.fit(p, old, 9).trace(), DeepFactorization.fit(p, explicit, 9).trace());
    }

    @Test
    void orthogonalInitHasFlatSpectrumAndTheGaussianFrobeniusScale() {
        SensingProblem p = new SensingProblem(MeasurementKind.GAUSSIAN, 6, 2, 20, 1);
        SensingRun r = DeepFactorization.fit(p, new FactorizationConfig(3, 0.3, 1.0, 1, 0, 1).withInit(FactorInit.ORTHOGONAL), 4);
        assertEquals(Math.log(6), r.trace().get(0).rho(), 1e-10, "a product of scaled orthogonal matrices has equal singular values");
        // rectangular: every factor's singular values are all c = s·√(rows·cols/min)/√cols
        FactorizationConfig cfg = base(3).withWidth(2).withInit(FactorInit.ORTHOGONAL);
        int[] dims = {N, 8, 8, N};
        double[][] w = DeepFactorization.initFactors(cfg, dims, new Random(3));
        for (int j = 0; j < 3; j++) {
            int rows = dims[j + 1], cols = dims[j];
            double[] s = org.lowrank.rank.RankMetrics.singularValuesRowMajor(w[j], rows, cols);
            double c = 0.8 / Math.sqrt(cols) * Math.sqrt((double) rows * cols / Math.min(rows, cols));
            for (double v : s) assertEquals(c, v, 1e-12, "factor " + j);
            assertEquals(0.8 * 0.8 * rows, Mat.frobenius(w[j]) * Mat.frobenius(w[j]), 1e-12, "Frobenius² = s²·fan_out, factor " + j);
        }
    }

    @Test
    void badVariantsAreRejected() {
        FactorizationConfig c = base(2);
        assertThrows(IllegalArgumentException.class, () -> c.withWidth(2).withResidual(true));
        assertThrows(IllegalArgumentException.class, () -> c.withWidth(0));
        assertThrows(IllegalArgumentException.class, () -> c.withWidth(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> c.withWeightDecay(-1, DecayTarget.FACTORS));
        assertThrows(IllegalArgumentException.class, () -> c.withWeightDecay(0.1, null));
        assertThrows(IllegalArgumentException.class, () -> c.withInit(null));
        assertEquals(2, c.withWidth(0.02).hidden(100));
        assertEquals(1, c.withWidth(0.01).hidden(10));
    }
}

package org.lowrank.sensing;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Nuclear-norm minimization baseline: accelerated proximal gradient (FISTA) on
 * {@code λ‖W‖_* + (1/2m)‖A(W) − y‖²} with singular-value thresholding as the proximal step, and continuation
 * {@code λ ← λ·shrink} from {@code ‖A*(y)‖₂} down to {@code λ_min}, which approaches
 * {@code min ‖W‖_* s.t. A(W) = y} as λ_min → 0.
 *
 * <p>The thresholding needs U and V, which the lib's LAPACK path ({@code rank.LapackSvd}, singular values only)
 * does not give; Commons Math's {@link SingularValueDecomposition} does, and at n ≤ 100 its cost is small
 * against the measurement operator's.
 *
 * @param stages         continuation stages, ≥ 1
 * @param itersPerStage  FISTA iterations per stage, ≥ 1
 * @param finalLambdaRel λ of the last stage relative to the first, in (0, 1]
 */
public record NuclearNorm(int stages, int itersPerStage, double finalLambdaRel) {
    public NuclearNorm {
        if (stages < 1) throw new IllegalArgumentException("stages = " + stages + ": must be at least 1");
        if (itersPerStage < 1) throw new IllegalArgumentException("itersPerStage = " + itersPerStage + ": must be at least 1");
        if (!(finalLambdaRel > 0 && finalLambdaRel <= 1))
            throw new IllegalArgumentException("finalLambdaRel = " + finalLambdaRel + ": must lie in (0, 1]");
    }

    /** Runs the baseline on {@code problem}; a trace point per stage. */
    public SensingRun fit(SensingProblem problem) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        int n = problem.n(), nn = n * n;
        double lipschitz = problem.operatorNorm(), step = 1.0 / lipschitz;
        double[] grad = new double[nn];
        problem.adjoint(negate(problem.y()), grad); // ∇ at W = 0 is −A*(y)/m
        double lambda0 = svd(grad, n).getSingularValues()[0];
        double shrink = stages == 1 ? 1.0 : Math.pow(finalLambdaRel, 1.0 / (stages - 1));
        double[] w = new double[nn], prev = new double[nn], z = new double[nn], cand = new double[nn];
        List<SensingRun.TracePoint> trace = new ArrayList<>();
        double lambda = lambda0, loss = Double.NaN;
        int steps = 0;
        for (int s = 0; s < stages; s++, lambda *= shrink) {
            double tk = 1.0;
            System.arraycopy(w, 0, z, 0, nn);
            for (int it = 0; it < itersPerStage; it++, steps++) {
                problem.lossAndGradient(z, grad);
                for (int i = 0; i < nn; i++) cand[i] = z[i] - step * grad[i];
                System.arraycopy(w, 0, prev, 0, nn);
                threshold(cand, n, lambda * step, w);
                double tNext = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
                double mom = (tk - 1) / tNext;
                for (int i = 0; i < nn; i++) z[i] = w[i] + mom * (w[i] - prev[i]);
                tk = tNext;
            }
            loss = problem.lossAndGradient(w, grad);
            trace.add(new SensingRun.TracePoint(steps, loss, problem.relativeError(w), DeepFactorization.rho(w, n)));
        }
        return new SensingRun("nuclear norm", 0, problem.m(), problem.seed(), problem.relativeError(w), DeepFactorization.rho(w, n),
                loss, steps, !Double.isFinite(loss), trace);
    }

    /** Singular-value soft thresholding: {@code out = U max(Σ − tau, 0) Vᵀ}. */
    static void threshold(double[] a, int n, double tau, double[] out) {
        SingularValueDecomposition d = svd(a, n);
        double[] s = d.getSingularValues();
        double[][] u = d.getU().getData(), v = d.getV().getData();
        java.util.Arrays.fill(out, 0.0);
        for (int k = 0; k < s.length; k++) {
            double sk = s[k] - tau;
            if (sk <= 0) break; // descending
            for (int i = 0; i < n; i++) {
                double c = sk * u[i][k];
                for (int j = 0; j < n; j++) out[i * n + j] += c * v[j][k];
            }
        }
    }

    private static SingularValueDecomposition svd(double[] a, int n) {
        RealMatrix m = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m.setEntry(i, j, a[i * n + j]);
        return new SingularValueDecomposition(m);
    }

    private static double[] negate(double[] y) {
        double[] r = y.clone();
        for (int i = 0; i < r.length; i++) r[i] = -r[i];
        return r;
    }
}

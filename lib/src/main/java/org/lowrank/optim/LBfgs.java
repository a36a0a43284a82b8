package org.lowrank.optim;

import org.lowrank.linalg.Gemm;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Alg. 7.4/7.5) with an Armijo backtracking line search.
 * Commons Math 3.6.1 has no L-BFGS (only non-linear CG), so it is written here: two-loop recursion,
 * initial Hessian scaling γ = sᵀy/yᵀy, pairs with sᵀy ≤ 1e-10 skipped. The first step is
 * {@code min(1, 1/‖g‖₁)·lr} as in torch's {@code LBFGS}.
 *
 * @param history        number of (s, y) pairs kept (torch default 100; we default to 10)
 * @param lr             initial step scale (torch {@code lr}, 1)
 * @param gradTolerance  stop when max|g| ≤ this
 * @param valueTolerance stop when f changes by less than this between iterations
 */
public record LBfgs(int history, double lr, double gradTolerance, double valueTolerance) {
    /** Default history: enough curvature pairs for our ≤ 8k-parameter problems at a tenth of torch's memory. */
    public static final int DEFAULT_HISTORY = 10;
    /** Armijo sufficient-decrease constant c₁ (Nocedal &amp; Wright's recommended 1e-4). */
    static final double ARMIJO_C1 = 1e-4;
    /** Backtracking factor: halve the step until the Armijo condition holds. */
    static final double BACKTRACK = 0.5;
    /** Backtracking halvings before giving up (0.5^40 ≈ 1e-12 of the first step). */
    static final int MAX_BACKTRACKS = 40;
    /** Curvature pairs with sᵀy at or below this are skipped (keeps the inverse-Hessian estimate positive definite). */
    static final double MIN_CURVATURE = 1e-10;

    public LBfgs {
        if (history < 1) throw new IllegalArgumentException("history must be >= 1, got " + history);
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
        if (!(gradTolerance >= 0)) throw new IllegalArgumentException("gradTolerance must be >= 0, got " + gradTolerance);
        if (!(valueTolerance >= 0)) throw new IllegalArgumentException("valueTolerance must be >= 0, got " + valueTolerance);
    }

    /** History 10, lr 1, gradient tolerance 1e-10, no value tolerance. */
    public static LBfgs defaults() {
        return new LBfgs(DEFAULT_HISTORY, 1.0, 1e-10, 0);
    }

    /** Minimizes f from x0 (not modified) for at most {@code maxIterations} iterations. */
    public OptimResult minimize(DifferentiableFunction f, double[] x0, int maxIterations) {
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        int n = x0.length, m = history;
        double[] x = x0.clone(), g = new double[n], d = new double[n], xNew = new double[n], gNew = new double[n];
        double[][] s = new double[m][], y = new double[m][];
        double[] rho = new double[m], alpha = new double[m];
        int stored = 0, head = 0, evals = 1, iter = 0;
        double fx = f.valueAndGradient(x, g);
        while (iter < maxIterations) {
            if (maxAbs(g) <= gradTolerance) break;
            // two-loop recursion: d = -H g
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, m);
                alpha[i] = rho[i] * Gemm.dot(s[i], d);
                for (int j = 0; j < n; j++) d[j] -= alpha[i] * y[i][j];
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, m);
                double gamma = Gemm.dot(s[last], y[last]) / Gemm.dot(y[last], y[last]);
                for (int j = 0; j < n; j++) d[j] *= gamma;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, m);
                double beta = rho[i] * Gemm.dot(y[i], d);
                for (int j = 0; j < n; j++) d[j] += (alpha[i] - beta) * s[i][j];
            }
            for (int j = 0; j < n; j++) d[j] = -d[j];
            double gd = Gemm.dot(g, d);
            if (!(gd < 0)) { // not a descent direction: restart from steepest descent
                for (int j = 0; j < n; j++) d[j] = -g[j];
                gd = Gemm.dot(g, d);
                stored = 0;
            }
            double step = stored == 0 ? Math.min(1.0, 1.0 / l1(g)) * lr : lr;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < MAX_BACKTRACKS; ls++) {
                for (int j = 0; j < n; j++) xNew[j] = x[j] + step * d[j];
                fNew = f.valueAndGradient(xNew, gNew);
                evals++;
                if (Double.isFinite(fNew) && fNew <= fx + ARMIJO_C1 * step * gd) {
                    accepted = true;
                    break;
                }
                step *= BACKTRACK;
            }
            iter++;
            if (!accepted) break;
            double[] sk = new double[n], yk = new double[n];
            for (int j = 0; j < n; j++) {
                sk[j] = xNew[j] - x[j];
                yk[j] = gNew[j] - g[j];
            }
            double sy = Gemm.dot(sk, yk);
            if (sy > MIN_CURVATURE) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1.0 / sy;
                head = (head + 1) % m;
                stored = Math.min(stored + 1, m);
            }
            double change = Math.abs(fx - fNew);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (change < valueTolerance) break; // valueTolerance 0: never
        }
        return new OptimResult(x, fx, iter, evals);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double a : v) m = Math.max(m, Math.abs(a));
        return m;
    }

    private static double l1(double[] v) {
        double m = 0;
        for (double a : v) m += Math.abs(a);
        return m;
    }
}

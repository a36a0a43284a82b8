package org.lowrank.experiment;

import org.lowrank.random.RandomMatrices;
import org.lowrank.random.Seeds;

import java.util.Random;
import org.lowrank.linalg.Gemm;

/**
 * A regression task {@code y = W* x (+ noise)} with Gaussian inputs x ~ N(0, I) and a target map W* of chosen
 * rank and spectrum, normalized so that {@code ‖W*‖_F² = outputDim} (each output has unit variance: predicting 0
 * scores MSE ≈ 1). With {@code nTrain < inputDim} the task is under-determined: it is matrix sensing of W* from
 * the rank-one measurements {@code x_k e_jᵀ}.
 *
 * @param inputDim  n
 * @param outputDim m
 * @param rank      rank of W*, 1..min(n, m)
 * @param spectrum  {@link Spectrum}
 * @param nTrain    training inputs
 * @param nTest     test inputs
 * @param noise     std of Gaussian label noise on the training labels
 */
public record TaskSpec(int inputDim, int outputDim, int rank, Spectrum spectrum, int nTrain, int nTest, double noise) implements java.io.Serializable {
    /** How W*'s non-zero singular values are chosen. */
    public enum Spectrum {
        /** All equal (ρ(W*) = ln rank); random singular vectors. */
        EQUAL,
        /** W* = U·V with Gaussian U (m×r), V (r×n); at full rank a plain Gaussian matrix (ρ ≈ 3.24 at 32×32). */
        GAUSSIAN,
        /**
         * Not a linear map: classification of {@code outputDim} Gaussian clusters as regression onto one-hot labels.
         * Class means μ_c ~ N(0, I_n); x = μ_c + noise·ξ with balanced classes (input i has class i mod m);
         * y = one-hot(c). {@code rank} must equal {@code outputDim}; {@code noise} is the within-class std (also on
         * test inputs); {@link Task#target()} holds the class means (m×n).
         */
        CLUSTERS
    }

    public TaskSpec {
        if (inputDim < 1 || outputDim < 1) throw new IllegalArgumentException("inputDim and outputDim must be >= 1, got " + inputDim + ", " + outputDim);
        if (rank < 1 || rank > Math.min(inputDim, outputDim)) {
            throw new IllegalArgumentException("rank must be in [1, " + Math.min(inputDim, outputDim) + "], got " + rank);
        }
        if (spectrum == null) throw new IllegalArgumentException("spectrum must not be null");
        if (nTrain < 1 || nTest < 1) throw new IllegalArgumentException("nTrain and nTest must be >= 1, got " + nTrain + ", " + nTest);
        if (!(noise >= 0)) throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        if (spectrum == Spectrum.CLUSTERS && rank != outputDim) {
            throw new IllegalArgumentException("rank must equal outputDim (the number of classes) for CLUSTERS, got " + rank);
        }
    }

    /** Samples the target and the data from {@code seed}. */
    public Task generate(long seed) {
        Random r = new Random(Seeds.task(seed));
        int n = inputDim, m = outputDim;
        if (spectrum == Spectrum.CLUSTERS) return clusters(r);
        double[] wStar = new double[m * n];
        if (spectrum == Spectrum.GAUSSIAN && rank == Math.min(n, m)) {
            wStar = RandomMatrices.gaussian(r, m * n);
        } else if (spectrum == Spectrum.GAUSSIAN) {
            double[] u = RandomMatrices.gaussian(r, m * rank), v = RandomMatrices.gaussian(r, rank * n);
            Gemm.mul(u, v, wStar, m, rank, n);
        } else {
            double[] qu = RandomMatrices.haarOrthogonal(r, m), qv = RandomMatrices.haarOrthogonal(r, n);
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < rank; k++) s += qu[i * m + k] * qv[j * n + k];
                wStar[i * n + j] = s;
            }
        }
        double fro = 0;
        for (double v : wStar) fro += v * v;
        double scale = Math.sqrt(m / fro);
        for (int i = 0; i < wStar.length; i++) wStar[i] *= scale;
        double[] xTr = RandomMatrices.gaussian(r, nTrain * n), xTe = RandomMatrices.gaussian(r, nTest * n);
        double[] yTr = new double[nTrain * m], yTe = new double[nTest * m];
        Gemm.mulABt(xTr, wStar, yTr, nTrain, n, m);
        Gemm.mulABt(xTe, wStar, yTe, nTest, n, m);
        if (noise > 0) for (int i = 0; i < yTr.length; i++) yTr[i] += noise * r.nextGaussian();
        return new Task(this, wStar, xTr, yTr, xTe, yTe);
    }

    private Task clusters(Random r) {
        int n = inputDim, m = outputDim;
        double[] means = RandomMatrices.gaussian(r, m * n);
        double[][] xy = new double[4][];
        int[] sizes = {nTrain, nTest};
        for (int part = 0; part < 2; part++) {
            int cnt = sizes[part];
            double[] x = new double[cnt * n], y = new double[cnt * m];
            for (int i = 0; i < cnt; i++) {
                int c = i % m;
                for (int j = 0; j < n; j++) x[i * n + j] = means[c * n + j] + noise * r.nextGaussian();
                y[i * m + c] = 1;
            }
            xy[2 * part] = x;
            xy[2 * part + 1] = y;
        }
        return new Task(this, means, xy[0], xy[1], xy[2], xy[3]);
    }

    /** Compact text for CSV keys. */
    public String key() {
        return "n" + inputDim + "m" + outputDim + "r" + rank + spectrum.name().charAt(0) + "tr" + nTrain + "te" + nTest + "s" + noise;
    }
}

package org.lowrank.linalg;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesvd_work;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Singular values by LAPACK {@code dgesvd} (jobu = jobvt = 'N'), called through the OpenBLAS binding that
 * ND4J itself uses for {@code Nd4j.getBlasWrapper().lapack().gesvd}, with per-thread native buffers
 * (workspace size queried once per shape).
 *
 * <p>Why not ND4J's wrapper or Commons Math: measured on this project's 2-core CPU (single thread,
 * OMP_NUM_THREADS=1, µs per call on random Gaussian matrices, steady state):
 * <pre>
 *   n      ND4J gesvd (new arrays)  ND4J gesvd (reused arrays)  Commons Math SVD  LAPACKE_dgesvd_work here
 *   16x16          81                       37-50                     65                   11
 *   32x32          93                       56-76                    185                   36
 *   64x64         207                      173                      1275                  134
 * </pre>
 * (numpy 1.24 {@code svd(compute_uv=False)} in a loop: 20 / 43 / 153 µs.) The LAPACK routine is the same
 * as ND4J's; the difference is ND4J's per-call INDArray allocation and checks, which dominate at these
 * sizes. Commons Math computes U and V as well and is pure Java: slower at every size we use.
 *
 * <p>This is the project's one SVD: {@link #singularValues} for rank metrics, {@link #thin} where the singular
 * vectors are needed (factorizing a trained weight), {@link #numericalRank} with one documented tolerance.
 */
public final class LapackSvd {
    private LapackSvd() {}

    private static final class Workspace {
        final int m, n;
        final DoublePointer a, s, u, vt, work;
        final int lwork;

        Workspace(int m, int n) {
            this.m = m;
            this.n = n;
            a = new DoublePointer((long) m * n);
            s = new DoublePointer(Math.min(m, n));
            u = new DoublePointer(1);
            vt = new DoublePointer(1);
            DoublePointer query = new DoublePointer(1);
            int info = LAPACKE_dgesvd_work(LAPACK_COL_MAJOR, (byte) 'N', (byte) 'N', m, n, a, m, s, u, 1, vt, 1, query, -1);
            if (info != 0) throw new IllegalStateException("LAPACK dgesvd workspace query failed, info=" + info);
            lwork = Math.max(1, (int) query.get(0));
            work = new DoublePointer(lwork);
            query.close();
        }

        void close() {
            a.close();
            s.close();
            u.close();
            vt.close();
            work.close();
        }
    }

    /** Shapes whose workspaces a thread keeps; the least recently used one is freed beyond that. */
    static final int CACHED_SHAPES = 16;

    // Bounded: a caller that sweeps many shapes (random shapes in the property tests, a sweep over widths) would
    // otherwise keep one native m×n buffer per shape for the life of the thread.
    private static final ThreadLocal<Map<Long, Workspace>> WORKSPACES = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(CACHED_SHAPES * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Workspace> eldest) {
                    if (size() <= CACHED_SHAPES) return false;
                    eldest.getValue().close();
                    return true;
                }
            });

    /**
     * Singular values, descending, of an m×n matrix stored column-major in {@code a} (not modified).
     * Input must already be validated (finite, non-empty, length m·n).
     */
    public static double[] singularValues(double[] a, int m, int n) {
        long key = ((long) m << 32) | n;
        Workspace w = WORKSPACES.get().computeIfAbsent(key, k -> new Workspace(m, n));
        w.a.put(a, 0, m * n);
        int info = LAPACKE_dgesvd_work(LAPACK_COL_MAJOR, (byte) 'N', (byte) 'N', m, n, w.a, m, w.s, w.u, 1, w.vt, 1,
                w.work, w.lwork);
        if (info != 0) {
            throw new ArithmeticException("LAPACK dgesvd did not converge for a " + m + "x" + n + " matrix, info=" + info);
        }
        double[] out = new double[Math.min(m, n)];
        w.s.get(out);
        return out;
    }

    /** A thin SVD A = U·diag(s)·Vt with U [m, r], s [r] (descending), Vt [r, n], r = min(m, n), all double. */
    public record Thin(INDArray u, INDArray s, INDArray vt) { }

    /**
     * Thin SVD by LAPACK {@code gesvd} (through ND4J's wrapper, which also returns U and Vt), in double precision
     * whatever the input's type.
     */
    public static Thin thin(INDArray a) {
        long m = a.rows(), n = a.columns(), r = Math.min(m, n);
        INDArray work = a.castTo(DataType.DOUBLE).dup('f');
        INDArray s = Nd4j.create(DataType.DOUBLE, r);
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[]{m, m}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[]{n, n}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(work, s, u, vt);
        return new Thin(u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, r)).dup('c'), s,
                vt.get(NDArrayIndex.interval(0, r), NDArrayIndex.all()).dup('c'));
    }

    /**
     * Relative tolerance below which a singular value of an m×n matrix is round-off: max(m, n)·ε·σ_max with ε the
     * double machine epsilon (the default of LAPACK-based rank functions such as numpy's {@code matrix_rank}).
     */
    public static double roundoffTolerance(long m, long n) {
        return Math.max(m, n) * Math.ulp(1.0);
    }

    /** Numerical rank of an m×n matrix from its singular values: #{σ_i > {@link #roundoffTolerance}·σ_max}. */
    public static int numericalRank(INDArray s, long m, long n) {
        double tol = roundoffTolerance(m, n) * s.getDouble(0);
        int r = 0;
        for (long i = 0; i < s.length(); i++) if (s.getDouble(i) > tol) r++;
        return r;
    }
}

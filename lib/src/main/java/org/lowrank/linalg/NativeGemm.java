package org.lowrank.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Row-major float32 / float64 GEMM and GEMV on off-heap buffers (JavaCPP pointers), through OpenBLAS's CBLAS (the
 * OpenBLAS that ND4J loads, JavaCPP's {@code org.bytedeco.openblas}). The products of the fast MLP trainer
 * ({@code experiment.FastMlp}): at its sizes (128×784·784×256 and up) OpenBLAS's packed, cache-blocked kernels run
 * at the machine's peak, a call costs ~70 ns (the project's notes on the performance work), and pointers to
 * preallocated memory need no copies. {@link Gemm} stays the GEMM for the small on-heap double matrices of the
 * notebooks 04–07 fast path, where the call overhead and the packing of a library BLAS dominate.
 *
 * <p>The pointers' positions are ignored: every call reads from the pointer's address plus the given offset
 * (in elements). Results depend on OpenBLAS's kernel for the CPU and on its thread count, which is process-wide and
 * shared with ND4J ({@code Nd4j.factory().blas().setMaxThreads}).
 */
public final class NativeGemm {
    private NativeGemm() {}

    /** C[m×n] = alpha·op(A)·op(B) + beta·C; op(A) is m×k, op(B) k×n; lda/ldb/ldc are the row strides. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatPointer a, long aOff,
                             int lda, FloatPointer b, long bOff, int ldb, float beta, FloatPointer c, long cOff, int ldc) {
        checkDims(m, n, k);
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, at(a, aOff), lda, at(b, bOff), ldb,
                beta, at(c, cOff), ldc);
    }

    /** As {@link #sgemm} in float64. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoublePointer a, long aOff,
                             int lda, DoublePointer b, long bOff, int ldb, double beta, DoublePointer c, long cOff, int ldc) {
        checkDims(m, n, k);
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, at(a, aOff), lda, at(b, bOff), ldb,
                beta, at(c, cOff), ldc);
    }

    /** y[ncols] = alpha·A[rows×cols]ᵀ·x[rows] + beta·y (A row-major with row stride lda): column sums when x = 1. */
    public static void sgemvT(int rows, int cols, float alpha, FloatPointer a, int lda, FloatPointer x, float beta, FloatPointer y) {
        checkDims(rows, cols, 1);
        openblas.cblas_sgemv(openblas.CblasRowMajor, openblas.CblasTrans, rows, cols, alpha, at(a, 0), lda, at(x, 0), 1,
                beta, at(y, 0), 1);
    }

    /** As {@link #sgemvT} in float64. */
    public static void dgemvT(int rows, int cols, double alpha, DoublePointer a, int lda, DoublePointer x, double beta, DoublePointer y) {
        checkDims(rows, cols, 1);
        openblas.cblas_dgemv(openblas.CblasRowMajor, openblas.CblasTrans, rows, cols, alpha, at(a, 0), lda, at(x, 0), 1,
                beta, at(y, 0), 1);
    }

    private static void checkDims(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
    }

    private static FloatPointer at(FloatPointer p, long off) {
        return off == 0 && p.position() == 0 ? p : new FloatPointer(p).position(off);
    }

    private static DoublePointer at(DoublePointer p, long off) {
        return off == 0 && p.position() == 0 ? p : new DoublePointer(p).position(off);
    }
}

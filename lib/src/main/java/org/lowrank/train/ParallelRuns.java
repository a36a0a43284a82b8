package org.lowrank.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Independent DL4J trainings run concurrently, each on one native thread.
 *
 * <p>Why: the small CNNs of notebooks 09 and 10 (batches of 16–32 images) parallelise poorly inside one op. Measured
 * on four of notebook 09's runs (2 epochs each, a fresh JVM): 15.5 s of process CPU time on one native thread against
 * 23.2 s on two. So two runs at a time on one native thread each use the two cores better than one run at a time
 * on two threads.
 *
 * <p>Determinism: a DL4J training's bits depend on the native thread count (oneDNN and ND4J split reductions by
 * thread). Every task therefore runs in a worker thread with ND4J, OpenBLAS and OpenMP limited to one thread, for any
 * number of workers, so the results are the same whether the tasks run one at a time or concurrently
 * ({@code ReproducibilityTest} checks 1 against 2 workers in fresh JVMs started with {@code OMP_NUM_THREADS=2}). They
 * are not promised equal to a process started with {@code OMP_NUM_THREADS=1}: measured, the training loss of such a
 * process differs in the last bits (some native setting is fixed at start). The limits are restored
 * when {@link #map} returns. Each task gets its own {@link PrintStream}; what it printed is written to {@code out} in
 * task order, as soon as the task and all before it are done, so output is in the same order as a serial loop.
 */
public final class ParallelRuns {
    private ParallelRuns() {}

    /** Workers for this machine: its available processors (at least 1) on the CPU backend, 1 on a GPU. */
    public static int defaultWorkers() {
        return org.lowrank.backend.Backend.isCpu() ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
    }

    /**
     * Applies {@code task} to every input on {@code workers} threads (each single-threaded natively, as above) and
     * returns the results in input order. The task's argument is its input, its {@code PrintStream} receives what it
     * prints (copied to {@code out} in input order).
     *
     * @throws IllegalArgumentException if an argument is null or {@code workers < 1}
     * @throws RuntimeException         the first failing task's exception (unchecked as thrown; checked ones wrapped),
     *                                  after the other tasks are cancelled
     */
    public static <I, R> List<R> map(List<I> inputs, int workers, PrintStream out, Task<I, R> task) {
        if (inputs == null || task == null || out == null) throw new IllegalArgumentException("inputs, out and task must not be null");
        if (workers < 1) throw new IllegalArgumentException("workers = " + workers + "; allowed: >= 1");
        var env = Nd4j.getEnvironment();
        int maxThreads = env.maxThreads(), masterThreads = env.maxMasterThreads(), blasThreads = Nd4j.factory().blas().getMaxThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, inputs.size())), r -> {
            Thread t = new Thread(() -> {
                NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);   // OpenMP's count is per thread
                r.run();
            }, "parallel-runs-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            List<ByteArrayOutputStream> buffers = new ArrayList<>();
            for (I in : inputs) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                buffers.add(buf);
                PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
                futures.add(pool.submit(() -> {
                    try {
                        return task.apply(in, ps);
                    } finally {
                        ps.flush();
                        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
                    }
                }));
            }
            List<R> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.print(buffers.get(i).toString(StandardCharsets.UTF_8));
                    out.flush();
                    futures.forEach(f -> f.cancel(true));
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error er) throw er;
                    throw new RuntimeException(c);
                } catch (InterruptedException e) {
                    futures.forEach(f -> f.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new RuntimeException("interrupted while waiting for task " + i, e);
                }
                out.print(buffers.get(i).toString(StandardCharsets.UTF_8));
                out.flush();
            }
            return results;
        } finally {
            pool.shutdownNow();
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(masterThreads);
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
    }

    /** CPU time of the calling thread in nanoseconds (0 where the JVM cannot measure it). */
    public static long threadCpuNanos() {
        var tm = java.lang.management.ManagementFactory.getThreadMXBean();
        return tm.isCurrentThreadCpuTimeSupported() ? Math.max(0, tm.getCurrentThreadCpuTime()) : 0;
    }

    /** CPU time of this process, all threads (JIT and GC included), in seconds; NaN where the OS does not report it. */
    public static double processCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** {@link #map} printing to {@code System.out}. */
    public static <I, R> List<R> map(List<I> inputs, int workers, Task<I, R> task) {
        return map(inputs, workers, System.out, task);
    }

    /** {@link #map} for tasks that print nothing. */
    public static <I, R> List<R> map(List<I> inputs, int workers, Function<I, R> task) {
        return map(inputs, workers, System.out, (in, ps) -> task.apply(in));
    }

    /** One task: its input and the stream it prints to. */
    @FunctionalInterface
    public interface Task<I, R> {
        /** Computes the result for {@code input}, printing to {@code out}. */
        R apply(I input, PrintStream out) throws Exception;
    }
}

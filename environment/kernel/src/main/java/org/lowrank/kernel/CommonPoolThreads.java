package org.lowrank.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Worker threads of the common fork-join pool (parallel streams), installed through the system property
 * {@code java.util.concurrent.ForkJoinPool.common.threadFactory}.
 *
 * <p>Why: while a security manager is installed (the {@link ExitGuard}), Java 17's default factory makes
 * "innocuous" workers, which erase every ThreadLocal after each task — ND4J keeps per-thread state in
 * ThreadLocals — and run without permissions. These are ordinary workers, as in a plain JVM.
 */
public final class CommonPoolThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
    /** The system property that names this factory. */
    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.threadFactory";

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        ForkJoinWorkerThread t = new ForkJoinWorkerThread(pool) {};
        t.setContextClassLoader(ClassLoader.getSystemClassLoader());
        return t;
    }
}

package org.lowrank.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Worker threads of the common fork-join pool (parallel streams), installed through the system property
 * {@code java.util.concurrent.ForkJoinPool.common.threadFactory}.
 *
 * <p>Why: the JDK's default factory makes "innocuous" common-pool workers, which erase every ThreadLocal after
 * each task (ND4J keeps per-thread state in ThreadLocals): on Java 17 only while a security manager is installed,
 * on Java 25 always (checked). These are ordinary workers, as a plain Java 17 program gets.
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

package org.lowrank.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * In-process JShell execution: snippets run in this JVM (so their values are real objects the kernel can
 * render), all on one long-lived cell thread, which {@link #stop()} can interrupt or end.
 *
 * <p>Why not {@code LocalExecutionControl}: it hands JShell only the {@code toString()} of a value, and the
 * kernel needs the object itself (an image, a chart). Like IJava/JJava, the value is kept here under a key
 * and the key is what JShell sees as the snippet's value; {@link #takeResult} swaps it back.
 *
 * <p>Why one thread for every snippet: libraries keep per-thread state that a notebook relies on across
 * statements and cells, e.g. ND4J's random generator ({@code Nd4j.getRandom()} is thread-local), so
 * {@code Nd4j.getRandom().setSeed(1)} in one statement must seed the {@code Nd4j.randn(...)} of the next.
 * With a fresh thread per snippet the same seed gave different numbers on every run.
 *
 * <p>Stopping: the cell thread is interrupted (ends sleeps, waits, interruptible I/O) and cell code, which
 * {@link CellInstrumentation} rewrote as JShell loaded it, throws {@link CellGuards.CellInterrupted} at its
 * next method entry or loop back-edge — so {@code while (true) {}} ends without {@code Thread.stop} (which
 * throws since Java 20). The flag stays raised until the snippet has returned, so a cell that catches the
 * error inside a loop meets it again at the next iteration.
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /** Prefix of the keys returned to JShell in place of values. */
    static final String KEY_PREFIX = "\u0000lowrank-result-";
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final BlockingQueue<Snippet> queue = new LinkedBlockingQueue<>();
    private Thread cellThread;
    private volatile Snippet running;
    private volatile boolean stopRequested;

    /** One snippet's invocation and its outcome. */
    private static final class Snippet implements Runnable {
        final Method doit;
        final CountDownLatch done = new CountDownLatch(1);
        volatile Object value;
        volatile Throwable failure;

        Snippet(Method doit) {
            this.doit = doit;
        }

        @Override
        public void run() {
            try {
                Thread.currentThread().setContextClassLoader(doit.getDeclaringClass().getClassLoader());
                value = doit.invoke(null);
            } catch (Throwable e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }
    }

    private synchronized Thread cellThread() {
        if (cellThread == null || !cellThread.isAlive()) {
            cellThread = new Thread(this::serve, "notebook-cell");
            cellThread.setDaemon(true);
            cellThread.start();
        }
        return cellThread;
    }

    private void serve() {
        while (true) {
            try {
                Snippet s = queue.take();
                Thread.interrupted(); // an interrupt aimed at the previous snippet must not hit this one
                s.run();
            } catch (InterruptedException stray) {
                // an interrupt that arrived between snippets: keep serving
            } catch (Throwable unexpected) {
                // Snippet.run catches everything; keep serving whatever happens
            }
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Snippet snippet = new Snippet(doitMethod);
        stopRequested = false;
        CellGuards.clearStop();
        cellThread();
        running = snippet;
        try {
            queue.put(snippet);
            snippet.done.await();
        } finally {
            running = null;
            CellGuards.clearStop();
        }
        Throwable f = snippet.failure;
        if (stopRequested) {
            throw new ExecutionControl.StoppedException();
        }
        if (f instanceof InvocationTargetException) {
            throw (InvocationTargetException) f;
        }
        if (f instanceof Exception) {
            throw (Exception) f;
        }
        if (f != null) {
            throw new InvocationTargetException(f);
        }
        String key = KEY_PREFIX + counter.incrementAndGet();
        if (snippet.value != null) {
            results.put(key, snippet.value);
        }
        return key;
    }

    /**
     * The object a snippet evaluated to, given the value string JShell reported for it; {@code null} when the
     * string is not one of this control's keys or the value was null.
     */
    public Object takeResult(String valueString) {
        return valueString == null ? null : results.remove(valueString);
    }

    /** Drops values not taken (values of non-final snippets of a cell). */
    public void clearResults() {
        results.clear();
    }

    /** Whether a snippet is running now. */
    public boolean isRunning() {
        return running != null;
    }

    @Override
    public void stop() {
        Snippet snippet = running;
        Thread t;
        synchronized (this) {
            t = cellThread;
        }
        if (snippet == null || t == null) {
            return;
        }
        stopRequested = true;
        CellGuards.requestStop();
        t.interrupt();
    }

    /** Loads the cell's classes after {@link CellInstrumentation} has added interrupt checks and the exit guard. */
    @Override
    public void load(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] instrumented = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            instrumented[i] = new ClassBytecodes(cbcs[i].name(), CellInstrumentation.instrument(cbcs[i].bytecodes()));
        }
        super.load(instrumented);
    }

    /** Provider registered with {@code JShell.builder().executionEngine(provider, null)}. */
    public static final class Provider implements ExecutionControlProvider {
        private final CellExecutionControl control;

        /** A provider that always hands out {@code control}. */
        public Provider(CellExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "lowrank-in-process";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}

package org.lowrank.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * In-process JShell execution: snippets run in this JVM (so their values are real objects the kernel can
 * render) on a fresh thread per snippet, which {@link #stop()} can end.
 *
 * <p>Why not {@code LocalExecutionControl}: it hands JShell only the {@code toString()} of a value, and the
 * kernel needs the object itself (an image, a chart). Like IJava/JJava, the value is kept here under a key
 * and the key is what JShell sees as the snippet's value; {@link #takeResult} swaps it back.
 *
 * <p>Stopping: the snippet thread is interrupted first (ends sleeps, waits, interruptible I/O); if it is still
 * running after a grace period it is stopped with {@link Thread#stop()}, deprecated but functional on Java 17,
 * which is the only way to end a CPU-bound loop such as {@code while (true) {}} without instrumenting bytecode.
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /** Prefix of the keys returned to JShell in place of values. */
    static final String KEY_PREFIX = "\u0000lowrank-result-";
    private static final long STOP_GRACE_MS = 300;

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile Thread running;
    private volatile boolean stopRequested;

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        stopRequested = false;
        Thread t = new Thread(() -> {
            try {
                value[0] = doitMethod.invoke(null);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "notebook-cell");
        t.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        t.setDaemon(true);
        running = t;
        try {
            t.start();
            t.join();
        } finally {
            running = null;
        }
        Throwable f = failure[0];
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
        if (value[0] != null) {
            results.put(key, value[0]);
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
        Thread t = running;
        if (t == null) {
            return;
        }
        stopRequested = true;
        t.interrupt();
        Thread stopper = new Thread(() -> {
            try {
                t.join(STOP_GRACE_MS);
                if (t.isAlive()) {
                    stopHard(t);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "notebook-cell-stopper");
        stopper.setDaemon(true);
        stopper.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopHard(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: Thread.stop is gone; an interrupt is all that is left.
            t.interrupt();
        }
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

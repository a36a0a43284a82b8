package org.lowrank.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a sweep of independent {@link RunSpec}s in parallel (one run per thread, fast path) and appends each result
 * to a CSV as soon as it finishes. Specs whose key is already in the CSV are not run again: a killed sweep resumes
 * where it stopped. Results come back in spec order.
 */
public final class Runner {
    private final Path csv;
    private final int threads;
    private final AtomicInteger executed = new AtomicInteger();
    private Consumer<RunResult> listener = r -> {};

    /**
     * @param csv     results file (null: keep results in memory only)
     * @param threads parallel runs; 0 means all cores
     */
    public Runner(Path csv, int threads) {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        this.csv = csv;
        this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** A runner on all cores that appends results to {@code csv} and resumes from it (null: in memory only). */
    public static Runner of(Path csv) {
        return new Runner(csv, 0);
    }

    /** The same results file with {@code threads} parallel runs (0: all cores). */
    public Runner withThreads(int threads) {
        return new Runner(csv, threads).onResult(listener);
    }

    /** Called (from worker threads) with every newly finished run. */
    public Runner onResult(Consumer<RunResult> listener) {
        this.listener = listener == null ? r -> {} : listener;
        return this;
    }

    /** How many runs this runner has executed (not loaded from the CSV). */
    public int executed() {
        return executed.get();
    }

    /** Runs every spec not yet in the CSV; returns all results in spec order. */
    public List<RunResult> run(List<RunSpec> specs) {
        Map<String, RunResult> done = csv == null ? new LinkedHashMap<>() : ResultsCsv.read(csv);
        Map<String, RunSpec> todo = new LinkedHashMap<>();
        for (RunSpec s : specs) if (!done.containsKey(s.key())) todo.put(s.key(), s);
        Map<String, RunResult> fresh = new java.util.concurrent.ConcurrentHashMap<>();
        if (!todo.isEmpty()) {
            ResultsCsv log = csv == null ? null : new ResultsCsv(csv);
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()), r -> {
                Thread t = new Thread(r, "lowrank-run");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (RunSpec s : todo.values()) {
                    fs.add(pool.submit(() -> {
                        RunResult r = FastTrainer.run(s);
                        executed.incrementAndGet();
                        if (log != null) log.append(r);
                        fresh.put(r.key(), r);
                        listener.accept(r);
                    }));
                }
                for (Future<?> f : fs) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
                if (log != null) log.close();
            }
        }
        List<RunResult> out = new ArrayList<>();
        for (RunSpec s : specs) {
            RunResult r = done.containsKey(s.key()) ? done.get(s.key()) : fresh.get(s.key());
            out.add(r);
        }
        return out;
    }
}

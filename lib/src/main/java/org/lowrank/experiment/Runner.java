package org.lowrank.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a sweep of independent {@link RunSpec}s in parallel on the fast path (one run per thread, as many threads as
 * cores by default) under a memory budget, and appends each result to a CSV. Every run is seeded by its spec alone,
 * so a parallel sweep gives the same numbers as a serial one. Each run's row is appended (and flushed) the moment it
 * finishes, so a killed sweep loses only the runs in flight; specs whose key is already in the CSV are not run again,
 * so it resumes where it stopped. When a sweep completes, its new rows are put into spec order (an atomic rewrite), so
 * the finished CSV is row for row the serial one, apart from the {@code seconds} column. Results come back in spec
 * order.
 */
public final class Runner {
    /** Share of the JVM's maximum heap that a sweep's concurrent runs may claim by default. */
    public static final double DEFAULT_HEAP_SHARE = 0.5;

    private final Path csv;
    private final int threads;
    private final long memoryBudget;
    private final AtomicInteger executed = new AtomicInteger();
    private Consumer<RunResult> listener = r -> {};

    /**
     * @param csv     results file (null: keep results in memory only)
     * @param threads parallel runs; 0 means all cores
     */
    public Runner(Path csv, int threads) {
        this(csv, threads, 0);
    }

    /**
     * @param csv          results file (null: keep results in memory only)
     * @param threads      parallel runs at most; 0 means all cores
     * @param memoryBudget bytes that concurrent runs may claim together ({@link #estimatedBytes}); a run waits until
     *                     its estimate fits (one run always may start); 0 means {@value #DEFAULT_HEAP_SHARE} of the
     *                     maximum heap
     */
    public Runner(Path csv, int threads, long memoryBudget) {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        if (memoryBudget < 0) throw new IllegalArgumentException("memoryBudget must be >= 0 (0 = default), got " + memoryBudget);
        this.csv = csv;
        this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        this.memoryBudget = memoryBudget == 0 ? (long) (DEFAULT_HEAP_SHARE * Runtime.getRuntime().maxMemory()) : memoryBudget;
    }

    /** A runner on all cores that appends results to {@code csv} and resumes from it (null: in memory only). */
    public static Runner of(Path csv) {
        return new Runner(csv, 0);
    }

    /** The same results file and memory budget with {@code threads} parallel runs (0: all cores). */
    public Runner withThreads(int threads) {
        return new Runner(csv, threads, memoryBudget).onResult(listener);
    }

    /** Called (from worker threads, in the order runs finish) with every newly finished run. */
    public Runner onResult(Consumer<RunResult> listener) {
        this.listener = listener == null ? r -> {} : listener;
        return this;
    }

    /** How many runs this runner has executed (not loaded from the CSV). */
    public int executed() {
        return executed.get();
    }

    /**
     * A generous estimate of the heap one run of {@code spec} needs: task data, weights with gradients, transposes and
     * optimizer state (CMA-ES: its population), and the forward/backward buffers for the larger of the two data sets.
     */
    public static long estimatedBytes(RunSpec spec) {
        TaskSpec t = spec.task();
        NetConfig c = spec.net();
        long params = c.parameterCount();
        long data = (long) (t.nTrain() + t.nTest()) * (t.inputDim() + t.outputDim()) * 2; // x, y and the target/noise copies
        long perParam = spec.optimizer().isFirstOrder() ? 6 : spec.optimizer().name().equals("LBFGS") ? 26 : 16;
        int n = Math.max(t.nTrain(), t.nTest());
        long widest = Math.max(c.width(), Math.max(c.inputDim(), c.outputDim()));
        long activations = (long) n * (2L * c.depth() * widest + 3 * widest);
        long cmaPopulation = spec.optimizer().name().equals("CMAES") ? params * (4 + 3 * (long) Math.log(params)) : 0;
        return 8 * (data + perParam * params + activations + cmaPopulation) + (1 << 16);
    }

    /** Runs every spec not yet in the CSV; returns all results in spec order. */
    public List<RunResult> run(List<RunSpec> specs) {
        Map<String, RunResult> done = csv == null ? new LinkedHashMap<>() : ResultsCsv.read(csv);
        Map<String, RunSpec> todoByKey = new LinkedHashMap<>();
        for (RunSpec s : specs) if (!done.containsKey(s.key())) todoByKey.put(s.key(), s);
        List<RunSpec> todo = new ArrayList<>(todoByKey.values());
        RunResult[] fresh = new RunResult[todo.size()];
        if (!todo.isEmpty()) {
            ResultsCsv log = csv == null ? null : new ResultsCsv(csv);
            // permits in KiB so that a budget of up to 2 TiB fits an int
            int budgetKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, memoryBudget >> 10));
            Semaphore memory = new Semaphore(budgetKib, true);
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()), r -> {
                Thread t = new Thread(r, "lowrank-run");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < todo.size(); i++) {
                    RunSpec s = todo.get(i);
                    int index = i;
                    int need = (int) Math.min(budgetKib, Math.max(1, estimatedBytes(s) >> 10));
                    fs.add(pool.submit(() -> {
                        memory.acquireUninterruptibly(need);
                        RunResult r;
                        try {
                            r = FastTrainer.run(s);
                        } finally {
                            memory.release(need);
                        }
                        executed.incrementAndGet();
                        fresh[index] = r;
                        if (log != null) log.append(r);
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
            if (csv != null) ResultsCsv.orderRows(csv, todo.stream().map(RunSpec::key).toList());
        }
        Map<String, RunResult> freshByKey = new LinkedHashMap<>();
        for (RunResult r : fresh) if (r != null) freshByKey.put(r.key(), r);
        List<RunResult> out = new ArrayList<>();
        for (RunSpec s : specs) out.add(done.containsKey(s.key()) ? done.get(s.key()) : freshByKey.get(s.key()));
        return out;
    }
}

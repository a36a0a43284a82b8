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
 *
 * <p>For sweeps bigger than one machine: {@link #withShard} runs only a deterministic share of every call's runs
 * (Slurm arrays; {@link ResultsCsv#writeCanonical} merges), and {@link #withEngine} hands the runs to another
 * executor (a Spark job: module {@code spark/}). {@link #results()} keeps every result in the order runs were first
 * asked for, which is the same however they were executed, so that order is the canonical CSV.
 */
public final class Runner {
    /** Share of the JVM's maximum heap that a sweep's concurrent runs may claim by default. */
    public static final double DEFAULT_HEAP_SHARE = 0.5;

    private final Path csv;
    private final int threads;
    private final long memoryBudget;
    private final AtomicInteger executed = new AtomicInteger();
    private Consumer<RunResult> listener = r -> {};
    private Shard shard = Shard.ALL;
    private List<Path> sources = List.of();
    private java.time.Duration wait = java.time.Duration.ZERO;
    private Engine engine;
    private final Map<String, RunResult> results = new LinkedHashMap<>();

    /**
     * Executes a batch of runs that are not in any CSV yet. The default runs them on this JVM's threads; the Spark
     * module runs each as a Spark task. An engine must give each spec {@link FastTrainer#run}'s result and pass every
     * result to {@code finished} as soon as it has it (the runner appends it to the CSV there), from any thread.
     */
    @FunctionalInterface
    public interface Engine {
        /** Runs {@code todo}; every result goes to {@code finished} (called at most once per spec). */
        void run(List<RunSpec> todo, Consumer<RunResult> finished);
    }

    /**
     * The share of a sweep one process runs: of every {@link #run} call's distinct specs (in order), those whose
     * position modulo {@code count} is {@code index}; the split depends only on the spec list, so it is the same on
     * every resume.
     *
     * @param index 0 ≤ index &lt; count
     * @param count number of shards, ≥ 1
     */
    public record Shard(int index, int count) {
        /** The whole sweep (shard 0 of 1). */
        public static final Shard ALL = new Shard(0, 1);

        public Shard {
            if (count < 1) throw new IllegalArgumentException("shard count must be >= 1, got " + count);
            if (index < 0 || index >= count) {
                throw new IllegalArgumentException("shard index must be in 0.." + (count - 1) + " for " + count
                        + " shards, got " + index);
            }
        }

        /** Parses {@code i/n} (0-based {@code i}, 0 ≤ i &lt; n), e.g. {@code 0/4}; errors name the argument {@code --shard}. */
        public static Shard parse(String text) {
            String allowed = "allowed: i/n with integers 0 <= i < n, e.g. 0/4";
            if (text == null || !text.trim().matches("\\d+/\\d+")) {
                throw new IllegalArgumentException("--shard '" + text + "' is not i/n; " + allowed);
            }
            String[] p = text.trim().split("/");
            int i, n;
            try {
                i = Integer.parseInt(p[0]);
                n = Integer.parseInt(p[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--shard '" + text + "' has a number out of range; " + allowed);
            }
            if (n < 1 || i >= n) throw new IllegalArgumentException("--shard '" + text + "' is out of range; " + allowed);
            return new Shard(i, n);
        }

        /** Whether the spec at {@code position} of a call's distinct specs belongs to this shard. */
        public boolean owns(int position) {
            return position % count == index;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /**
     * A sharded run stopped because some runs of a call belong to other shards and none of the CSVs it reads has them
     * yet. Its own share of that call is finished and in its CSV; run it again once the other shards got that far.
     */
    public static final class IncompleteException extends IllegalStateException {
        private final int missing;

        IncompleteException(String message, int missing) {
            super(message);
            this.missing = missing;
        }

        /** Runs of the call that no CSV has. */
        public int missing() {
            return missing;
        }
    }

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
        Runner r = new Runner(csv, threads, memoryBudget).onResult(listener);
        r.shard = shard;
        r.sources = sources;
        r.engine = engine;
        return r;
    }

    /**
     * Runs only {@code shard}'s share of each call. Results of other shards are read from {@code peers} (their CSVs,
     * e.g. on a shared file system; missing files count as empty); a call whose other runs are in none of them ends
     * in an {@link IncompleteException} after this shard's share is done.
     */
    public Runner withShard(Shard shard, List<Path> peers) {
        if (shard == null) throw new IllegalArgumentException("shard must not be null (Shard.ALL: the whole sweep)");
        this.shard = shard;
        this.sources = List.copyOf(peers);
        return this;
    }

    /**
     * How long a shard waits, re-reading its peers' CSVs every second, for the other shards' runs of a call
     * before it gives up with an {@link IncompleteException} (default zero: it stops at once). For shards that run
     * at the same time on a shared file system (a Slurm array), a wait as long as the job lets them run through.
     */
    public Runner withWait(java.time.Duration wait) {
        if (wait == null || wait.isNegative()) throw new IllegalArgumentException("wait must be >= 0, got " + wait);
        this.wait = wait;
        return this;
    }

    /**
     * Reads results from {@code sources} besides its own CSV and never trains: a call with a run in none of them ends
     * in an {@link IncompleteException}. This is the merge step of a sharded sweep (replaying the sweep over the
     * shards' CSVs).
     */
    public static Runner readOnly(List<Path> sources) {
        Runner r = new Runner(null, 1, 1);
        r.sources = List.copyOf(sources);
        r.engine = (todo, finished) -> {
            throw new IncompleteException(todo.size() + " runs of this sweep are in none of " + sources
                    + "; every shard must finish before the merge (first missing: " + todo.get(0).key() + ")", todo.size());
        };
        return r;
    }

    /** Executes new runs with {@code engine} instead of this JVM's thread pool (null: the thread pool). */
    public Runner withEngine(Engine engine) {
        this.engine = engine;
        return this;
    }

    /** The shard this runner runs. */
    public Shard shard() {
        return shard;
    }

    /**
     * Every result this runner has returned, by key, in the order the runs were first asked for (run, loaded from a
     * CSV, or read from a peer): the canonical row order of the sweep, independent of threads, shards and engine.
     */
    public synchronized List<RunResult> results() {
        return List.copyOf(results.values());
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

    /**
     * Runs every spec not yet in the CSV (nor in the sources) that belongs to this runner's shard; returns all
     * results in spec order.
     *
     * @throws IncompleteException when sharded and some specs belong to other shards whose CSVs lack them
     */
    public List<RunResult> run(List<RunSpec> specs) {
        Map<String, RunResult> done = csv == null ? new LinkedHashMap<>() : ResultsCsv.read(csv);
        for (Path p : sources) ResultsCsv.read(p).forEach(done::putIfAbsent);
        Map<String, RunSpec> distinct = new LinkedHashMap<>();
        for (RunSpec s : specs) distinct.putIfAbsent(s.key(), s);
        List<RunSpec> todo = new ArrayList<>();
        int position = 0, othersMissing = 0;
        for (RunSpec s : distinct.values()) {
            boolean mine = shard.owns(position++);
            if (done.containsKey(s.key())) continue;
            if (mine) todo.add(s);
            else othersMissing++;
        }
        Map<String, RunResult> freshByKey = new java.util.concurrent.ConcurrentHashMap<>();
        if (!todo.isEmpty()) {
            ResultsCsv log = csv == null ? null : new ResultsCsv(csv);
            Consumer<RunResult> finished = r -> {
                executed.incrementAndGet();
                freshByKey.put(r.key(), r);
                if (log != null) log.append(r);
                listener.accept(r);
            };
            try {
                (engine == null ? (Engine) this::runLocally : engine).run(todo, finished);
            } finally {
                if (log != null) log.close();
            }
            if (csv != null) ResultsCsv.orderRows(csv, todo.stream().map(RunSpec::key).filter(freshByKey::containsKey).toList());
            List<String> lost = todo.stream().map(RunSpec::key).filter(k -> !freshByKey.containsKey(k)).toList();
            if (!lost.isEmpty()) throw new IllegalStateException("the engine returned no result for " + lost.size() + " runs, e.g. " + lost.get(0));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (othersMissing > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(1000, Math.max(1, wait.toMillis() / 10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for other shards", e);
            }
            for (Path p : sources) ResultsCsv.read(p).forEach(done::putIfAbsent);
            othersMissing = 0;
            for (RunSpec s : distinct.values()) if (!done.containsKey(s.key()) && !freshByKey.containsKey(s.key())) othersMissing++;
        }
        if (othersMissing > 0) {
            throw new IncompleteException("shard " + shard + " finished its share of this step; " + othersMissing + " of "
                    + distinct.size() + " runs belong to other shards and are in none of their CSVs yet: run the other shards,"
                    + " then run this one again (finished runs are skipped)", othersMissing);
        }
        List<RunResult> out = new ArrayList<>();
        synchronized (this) {
            for (RunSpec s : specs) {
                RunResult r = done.containsKey(s.key()) ? done.get(s.key()) : freshByKey.get(s.key());
                out.add(r);
                results.putIfAbsent(s.key(), r);
            }
        }
        return out;
    }

    /** The default engine: this JVM's thread pool under the memory budget. */
    private void runLocally(List<RunSpec> todo, Consumer<RunResult> finished) {
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
            for (RunSpec s : todo) {
                int need = (int) Math.min(budgetKib, Math.max(1, estimatedBytes(s) >> 10));
                fs.add(pool.submit(() -> {
                    memory.acquireUninterruptibly(need);
                    RunResult r;
                    try {
                        r = FastTrainer.run(s);
                    } finally {
                        memory.release(need);
                    }
                    finished.accept(r);
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
        }
    }
}

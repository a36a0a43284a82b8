package org.lowrank.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lowrank.experiment.ResultsCsv;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

/**
 * Runs a notebook's sweep resumably into {@code <out>/<scale>/<notebook>/}: {@code runs.csv} (every run, one row, in
 * the order the notebook asks for them) and {@code provenance.jsonl} (one line per sitting: command, commit, date,
 * cores, JVM, load, wall time, runs executed). Killed and started again, it skips every run already in its CSV.
 *
 * <pre>
 * Reproduce --notebook 06 --scale paper [--out results] [--threads N]
 * Reproduce --notebook 06 --scale paper --shard 2/8     # shards/shard-2-of-8.csv: this shard's share only
 * Reproduce --notebook 06 --scale paper --shard 2/8 --wait 86400   # ... waiting (shared file system) for the others
 * Reproduce --notebook 06 --scale paper --merge 8       # runs.csv from the 8 shards' CSVs, as one process writes it
 * </pre>
 *
 * A shard whose next step needs runs of other shards that are not in their CSVs yet stops with exit status
 * {@value #EXIT_WAITING} after its own share; run it again when the others got that far (or run all shards to the
 * end of each step, e.g. a Slurm array, until all exit 0), then merge. With {@code --wait SECONDS} it instead waits up to
 * that long at each step for the other shards' CSVs (shards running at once on a shared file system).
 */
public final class Reproduce {
    private Reproduce() {}

    /** Exit status of a shard (or merge) that needs other shards' runs first. */
    public static final int EXIT_WAITING = 3;
    /** Exit status of bad arguments. */
    public static final int EXIT_USAGE = 2;

    /** What to run; parsed from the command line by {@link #parse}. */
    public record Options(String notebook, Scale scale, Path out, int threads, Runner.Shard shard, int merge, int waitSeconds) {
        public Options {
            if (waitSeconds < 0) throw new IllegalArgumentException("--wait " + waitSeconds + " is negative; allowed: seconds >= 0");
            if (threads < 0) throw new IllegalArgumentException("--threads " + threads + " is negative; allowed: >= 0 (0 = all cores)");
            if (merge < 0) throw new IllegalArgumentException("--merge " + merge + " is negative; allowed: the number of shards, >= 1");
            if (waitSeconds > 0 && shard.count() == 1) throw new IllegalArgumentException("--wait " + waitSeconds + " without --shard; allowed: only with --shard i/n, n > 1");
            if (merge > 0 && shard.count() > 1) throw new IllegalArgumentException("--merge and --shard together; allowed: one of them");
        }

        /** Options without waiting for other shards. */
        public Options(String notebook, Scale scale, Path out, int threads, Runner.Shard shard, int merge) {
            this(notebook, scale, out, threads, shard, merge, 0);
        }

        /** The sweep's folder: {@code <out>/<scale>/<notebook file name>}. */
        public Path dir(Sweep sweep) {
            return out.resolve(scale.toString()).resolve(sweep.notebook());
        }
    }

    static final String USAGE = "usage: Reproduce --notebook NN --scale quick|medium|paper [--out DIR] [--threads N] [--shard i/n [--wait SECONDS] | --merge n]";

    /** Parses the command line; errors name the argument, the value and what is allowed. */
    public static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        List<String> known = List.of("--notebook", "--scale", "--out", "--threads", "--shard", "--wait", "--merge");
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) throw new IllegalArgumentException("argument '" + args[i] + "' is not known; allowed: " + String.join(", ", known));
            if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            a.put(args[i], args[++i]);
        }
        if (!a.containsKey("--notebook")) throw new IllegalArgumentException("--notebook is missing; allowed: " + String.join(", ", Sweeps.notebooks()));
        if (!a.containsKey("--scale")) throw new IllegalArgumentException("--scale is missing; allowed: quick, paper");
        Scale scale = Sweeps.scale(a.get("--scale"));
        Sweeps.of(a.get("--notebook"), scale); // validates the notebook
        return new Options(a.get("--notebook"), scale, Path.of(a.getOrDefault("--out", "results")),
                integer("--threads", a.getOrDefault("--threads", "0")),
                a.containsKey("--shard") ? Runner.Shard.parse(a.get("--shard")) : Runner.Shard.ALL,
                a.containsKey("--merge") ? positive("--merge", a.get("--merge")) : 0,
                integer("--wait", a.getOrDefault("--wait", "0")));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not an integer; allowed: an integer >= 0");
        }
    }

    private static int positive(String name, String value) {
        int v = integer(name, value);
        if (v < 1) throw new IllegalArgumentException(name + " '" + value + "' is not a shard count; allowed: an integer >= 1");
        return v;
    }

    /** The CSV of shard {@code index} of {@code count} in the sweep folder {@code dir}. */
    public static Path shardCsv(Path dir, int index, int count) {
        return dir.resolve("shards").resolve("shard-" + index + "-of-" + count + ".csv");
    }

    /**
     * Runs {@code sweep} as {@code o} says, with {@code engine} executing new runs (null: this JVM's threads), and
     * appends a provenance line.
     *
     * @param mode  recorded in the provenance ({@code local}, {@code spark local[*]}, ...)
     * @return true when this sitting finished its work (the whole sweep, its shard to the end, or the merge); false
     *         when a shard or the merge waits for other shards
     */
    public static boolean execute(Sweep sweep, Options o, Runner.Engine engine, String mode, String[] args,
                                  Consumer<String> log) {
        if (sweep instanceof DrawSweep draws) {
            if (engine != null) {
                throw new IllegalArgumentException("--notebook " + o.notebook() + " is a cell sweep (random draws; 08: trained models), which runs locally only;"
                        + " allowed on another engine: the training sweeps " + Sweeps.trainingNotebooks());
            }
            return executeDraws(draws, o, mode, args, log);
        }
        NotebookSweep training = (NotebookSweep) sweep;
        Path dir = o.dir(sweep);
        Runner runner;
        Path runs = dir.resolve("runs.csv");
        String what = part(o);
        if (o.merge() > 0) {
            List<Path> shards = new ArrayList<>();
            for (int i = 0; i < o.merge(); i++) shards.add(shardCsv(dir, i, o.merge()));
            runner = Runner.readOnly(shards);
        } else if (o.shard().count() > 1) {
            List<Path> peers = new ArrayList<>();
            for (int i = 0; i < o.shard().count(); i++) if (i != o.shard().index()) peers.add(shardCsv(dir, i, o.shard().count()));
            runner = new Runner(shardCsv(dir, o.shard().index(), o.shard().count()), o.threads()).withShard(o.shard(), peers)
                    .withWait(java.time.Duration.ofSeconds(o.waitSeconds()));
        } else {
            runner = new Runner(runs, o.threads());
        }
        if (engine != null) runner.withEngine(engine);
        Path working = workingCsv(dir, o, runs);
        Sitting sitting = new Sitting(dir, sweep.notebook(), o, mode, what, args, log, runner::executed,
                () -> working == null ? runner.results().size() : ResultsCsv.read(working).size());
        boolean complete = false;
        String note = "failed";
        try {
            training.run(runner, log);
            if (o.shard().count() == 1) ResultsCsv.writeCanonical(runs, runner.results());
            complete = true;
            note = "done";
        } catch (Runner.IncompleteException e) {
            note = e.getMessage();
        } catch (RuntimeException e) {
            note = "failed: " + e;
            throw e;
        } finally {
            sitting.end(complete, note);
        }
        return complete;
    }

    /** A {@link DrawSweep}: cells instead of runs, one line each in {@code draws.csv}; cells are independent (one step). */
    private static boolean executeDraws(DrawSweep sweep, Options o, String mode, String[] args, Consumer<String> log) {
        Path dir = o.dir(sweep);
        Path draws = dir.resolve("draws.csv");
        if (sweep.staged() && (o.shard().count() > 1 || o.merge() > 0)) {
            throw new IllegalArgumentException((o.merge() > 0 ? "--merge " + o.merge() : "--shard " + o.shard()) + " for --notebook "
                    + o.notebook() + ", whose cells depend on earlier cells' values (learning-rate trials before training); allowed: the whole sweep, no shards");
        }
        java.util.concurrent.atomic.AtomicInteger executed = new java.util.concurrent.atomic.AtomicInteger();
        Path working = workingCsv(dir, o, draws);
        String what = part(o);
        Map<String, double[]> done = new java.util.concurrent.ConcurrentHashMap<>();
        Sitting sitting = new Sitting(dir, sweep.notebook(), o, mode, what, args, log, executed::get,
                () -> working == null ? done.size() : DrawsCsv.read(working).size());
        boolean complete = false;
        String note = "failed";
        List<DrawSweep.Cell> cells = sweep.cells();
        try {
            if (working != null) done.putAll(DrawsCsv.read(working));
            if (o.merge() > 0) for (int i = 0; i < o.merge(); i++) DrawsCsv.read(shardCsv(dir, i, o.merge())).forEach(done::putIfAbsent);
            while (true) {
                cells = sweep.cells(done);
                List<DrawSweep.Cell> todo = new ArrayList<>();
                for (int i = 0; i < cells.size(); i++) {
                    if (o.merge() == 0 && o.shard().owns(i) && !done.containsKey(cells.get(i).key())) todo.add(cells.get(i));
                }
                if (todo.isEmpty()) break;
                computeCells(todo, o, working, done, executed);
                if (!sweep.staged()) break;
            }
            if (o.shard().count() == 1) {
                long missing = cells.stream().filter(c -> !done.containsKey(c.key())).count();
                if (missing > 0) {
                    note = missing + " of " + cells.size() + " cells are in none of the shards' CSVs; every shard must finish before the merge";
                    return false;
                }
                Map<String, double[]> ordered = new LinkedHashMap<>();
                for (DrawSweep.Cell c : cells) ordered.put(c.key(), done.get(c.key()));
                DrawsCsv.writeCanonical(draws, ordered);
            }
            complete = true;
            note = "done";
        } catch (RuntimeException e) {
            note = "failed: " + e;
            throw e;
        } finally {
            sitting.end(complete, note);
        }
        return complete;
    }

    /**
     * Computes {@code todo} on the sweep's threads, appending each cell to {@code working} when it is done. A failed
     * cell does not stop the others: every cell in flight finishes and is written before the first failure is thrown.
     */
    private static void computeCells(List<DrawSweep.Cell> todo, Options o, Path working, Map<String, double[]> done,
                                     java.util.concurrent.atomic.AtomicInteger executed) {
        int threads = o.threads() == 0 ? Runtime.getRuntime().availableProcessors() : o.threads();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(threads, todo.size()));
        try (DrawsCsv out = new DrawsCsv(working)) {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (DrawSweep.Cell c : todo) {
                fs.add(pool.submit(() -> {
                    double[] v = c.values().get();
                    out.append(c.key(), v);
                    done.put(c.key(), v);
                    executed.incrementAndGet();
                }));
            }
            Throwable first = null;
            String failed = null;
            for (int i = 0; i < fs.size(); i++) {
                try {
                    fs.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                        failed = todo.get(i).key();
                    }
                }
            }
            if (first != null) throw new IllegalStateException("cell " + failed + " failed: " + first, first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The CSV this invocation appends to: a shard's own file, the whole sweep's, or none for a merge. */
    private static Path workingCsv(Path dir, Options o, Path whole) {
        return o.merge() > 0 ? null : o.shard().count() > 1 ? shardCsv(dir, o.shard().index(), o.shard().count()) : whole;
    }

    /** What part of the sweep this invocation runs, as its provenance line says it. */
    private static String part(Options o) {
        return o.merge() > 0 ? "merge of " + o.merge() + " shards" : o.shard().count() > 1 ? "shard " + o.shard() : "whole sweep";
    }

    /** One invocation's provenance: written when it ends, or by a shutdown hook when a signal stops it. */
    private static final class Sitting {
        private final Path dir;
        private final String notebook, mode, what;
        private final Options o;
        private final String[] args;
        private final Consumer<String> log;
        private final java.util.function.IntSupplier executed, inCsv;
        private final long t0 = System.nanoTime();
        private final Instant started = Instant.now();
        private final double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        private final java.util.concurrent.atomic.AtomicBoolean recorded = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread hook;

        Sitting(Path dir, String notebook, Options o, String mode, String what, String[] args, Consumer<String> log,
                java.util.function.IntSupplier executed, java.util.function.IntSupplier inCsv) {
            this.dir = dir;
            this.notebook = notebook;
            this.o = o;
            this.mode = mode;
            this.what = what;
            this.args = args;
            this.log = log;
            this.executed = executed;
            this.inCsv = inCsv;
            // Ctrl-C or kill (not kill -9): the sitting still gets its provenance line, marked interrupted
            this.hook = new Thread(() -> record(false, "interrupted; run the same command again to resume"), "lowrank-provenance");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        void end(boolean complete, String note) {
            record(complete, note);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting already; the line is written
            }
        }

        private void record(boolean complete, String note) {
            if (recorded.getAndSet(true)) return;
            double wall = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("notebook", notebook);
            p.put("scale", o.scale().toString());
            p.put("mode", mode);
            p.put("part", what);
            p.put("complete", complete);
            p.put("note", note);
            p.put("command", System.getenv().getOrDefault("LOWRANK_COMMAND", ""));
            p.put("args", String.join(" ", args));
            p.put("commit", System.getenv().getOrDefault("LOWRANK_COMMIT", "unknown"));
            p.put("started", started.toString());
            p.put("finished", Instant.now().toString());
            p.put("wall_s", Math.round(wall * 1000) / 1000.0);
            p.put("runs_executed", executed.getAsInt());
            p.put("runs_in_csv", inCsv.getAsInt());
            p.put("cores", Runtime.getRuntime().availableProcessors());
            p.put("threads", o.threads() == 0 ? Runtime.getRuntime().availableProcessors() : o.threads());
            p.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", ""));
            p.put("nice", System.getenv().getOrDefault("LOWRANK_NICE", ""));
            p.put("load_start", loadStart);
            p.put("load_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            p.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
            p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
            appendLine(dir.resolve("provenance.jsonl"), json(p));
            log.accept(String.format("[%s %s, %s] %s: %d executed, %.1f s", notebook, o.scale(), what,
                    complete ? "finished" : note, executed.getAsInt(), wall));
        }
    }

    /** One JSON object on one line. Hand-written: six value types, and the lib has no JSON library of its own. */
    static String json(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (var e : m.entrySet()) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(quote(e.getKey())).append(": ");
            Object v = e.getValue();
            if (v instanceof Number n && !(v instanceof Double d && !Double.isFinite(d))) sb.append(n);
            else if (v instanceof Boolean b) sb.append(b);
            else sb.append(v instanceof Double ? "null" : quote(String.valueOf(v)));
        }
        return sb.append("}").toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static void appendLine(Path file, String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Command line; see the class comment. Exit status 0: done; {@value #EXIT_WAITING}: a shard or the merge waits
     * for other shards; {@value #EXIT_USAGE}: bad arguments.
     */
    public static void main(String[] args) {
        System.exit(main(args, null, "local"));
    }

    /** {@link #main} with another engine (the Spark module's); returns the exit status. */
    public static int main(String[] args, Runner.Engine engine, String mode) {
        Options o;
        Sweep sweep;
        try {
            o = parse(args);
            sweep = Sweeps.of(o.notebook(), o.scale());
            if (engine != null && sweep instanceof DrawSweep) {
                throw new IllegalArgumentException("--notebook " + o.notebook() + " is a cell sweep (random draws; 08: trained models), which runs locally only;"
                        + " allowed on another engine: the training sweeps " + Sweeps.trainingNotebooks());
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return EXIT_USAGE;
        }
        return execute(sweep, o, engine, mode, args, System.out::println) ? 0 : EXIT_WAITING;
    }
}

package org.lowrank.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.apache.spark.api.java.JavaSparkContext;
import org.lowrank.experiment.FastTrainer;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;

/**
 * A {@link Runner.Engine} on Apache Spark: each run is one Spark task ({@link FastTrainer#run} on an executor, seeded by
 * its spec alone, so it gives the numbers a local run gives). Runs are submitted as concurrent one-task jobs, as many
 * at a time as the cluster has task slots, so each result reaches the driver, and the CSV, the moment its task ends: a
 * killed driver loses only the runs in flight, as the local runner does.
 */
public final class SparkEngine implements Runner.Engine {
    private final JavaSparkContext sc;

    /** An engine on {@code sc}; it does not stop the context. */
    public SparkEngine(JavaSparkContext sc) {
        if (sc == null) throw new IllegalArgumentException("sc (the Spark context) must not be null");
        this.sc = sc;
    }

    @Override
    public void run(List<RunSpec> todo, Consumer<RunResult> finished) {
        int slots = Math.max(1, Math.min(todo.size(), sc.defaultParallelism()));
        ExecutorService submitters = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "lowrank-spark-submit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (RunSpec spec : todo) {
                fs.add(submitters.submit(() -> {
                    sc.setJobDescription(spec.key());
                    List<RunResult> r = sc.parallelize(List.of(spec), 1).map(FastTrainer::run).collect();
                    finished.accept(r.get(0));
                }));
            }
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Spark sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a Spark run failed: " + e.getCause(), e.getCause());
        } finally {
            submitters.shutdownNow();
        }
    }
}

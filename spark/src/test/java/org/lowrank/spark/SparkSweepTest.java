package org.lowrank.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.experiment.ResultsCsv;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;
import org.lowrank.reproduce.InitializationSweep;
import org.lowrank.reproduce.Reproduce;

class SparkSweepTest {
    @TempDir Path dir;

    /** Notebook 06's sweep, tiny: 12 learning-rate runs, then 4 runs at the chosen rates. */
    static final InitializationSweep TINY = new InitializationSweep(new int[] {1, 2}, 1, 40);

    @Test
    void sparkLocalGivesTheCsvOfThePlainRunner() throws Exception {
        Path plain = dir.resolve("plain"), spark = dir.resolve("spark");
        assertTrue(Reproduce.execute(TINY, new Reproduce.Options("06", Scale.QUICK, plain, 1, Runner.Shard.ALL, 0), null,
                "local", new String[0], s -> { }));
        AtomicInteger tasks = new AtomicInteger();
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("lowrank-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "localhost").set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    tasks.incrementAndGet();
                }
            });
            assertTrue(Reproduce.execute(TINY, new Reproduce.Options("06", Scale.QUICK, spark, 0, Runner.Shard.ALL, 0),
                    new SparkEngine(sc), "spark local[2]", new String[0], s -> { }));
        }
        Path a = plain.resolve("quick/06_initialization/runs.csv"), b = spark.resolve("quick/06_initialization/runs.csv");
        int runs = Files.readAllLines(a).size() - 1;   // the learning-rate search may extend its grid: count, don't assume
        assertTrue(runs >= 16, "2 depths x 2 inits x 3 rates + 4 runs at least: " + runs);
        assertEquals(runs, tasks.get(), "every run is one Spark task");
        assertEquals(runs + 1, Files.readAllLines(b).size());
        assertEquals(ResultsCsv.withoutTimings(a), ResultsCsv.withoutTimings(b), "same rows, same bytes, apart from seconds");
        assertTrue(Files.readString(spark.resolve("quick/06_initialization/provenance.jsonl")).contains("\"mode\": \"spark local[2]\""));
    }

    @Test
    void badArgumentsFailBeforeSparkStarts() {
        assertEquals(Reproduce.EXIT_USAGE, SparkReproduce.run(new String[] {"--notebook", "99", "--scale", "paper"}));
        assertEquals(Reproduce.EXIT_USAGE, SparkReproduce.run(new String[] {"--notebook", "06", "--scale", "paper", "--master"}));
    }
}

package org.lowrank.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.lowrank.reproduce.Reproduce;

/**
 * {@link Reproduce} with every run a Spark task: the same arguments, the same folder and CSV, plus
 * {@code --master URL} (default: {@code spark.master} as set by {@code spark-submit}, else {@code local[*]}, Spark
 * embedded in this JVM). See spark/README.md for {@code spark-submit} and the memory a run needs.
 */
public final class SparkReproduce {
    private SparkReproduce() {}

    /** Runs the sweep on Spark; exit status as {@link Reproduce#main}. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> rest = new ArrayList<>();
        String master = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--master")) {
                if (i + 1 >= args.length) {
                    System.err.println("--master needs a value; allowed: a Spark master URL, e.g. local[*], spark://host:7077, yarn");
                    return Reproduce.EXIT_USAGE;
                }
                master = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        String[] lowrankArgs = rest.toArray(String[]::new);
        try {
            Reproduce.parse(lowrankArgs); // bad arguments fail before Spark starts
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return Reproduce.EXIT_USAGE;
        }
        SparkConf conf = new SparkConf().setAppName("lowrank-reproduce " + String.join(" ", lowrankArgs));
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
        // embedded: keep Spark's driver on the loopback interface (no network needed, no hostname warnings)
        if (conf.get("spark.master").startsWith("local") && !conf.contains("spark.driver.host")) {
            conf.set("spark.driver.host", "localhost").set("spark.driver.bindAddress", "127.0.0.1");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            return Reproduce.main(lowrankArgs, new SparkEngine(sc), "spark " + sc.master() + " (" + sc.defaultParallelism() + " task slots)");
        }
    }
}

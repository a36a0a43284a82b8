package org.lowrank.experiment;

import org.lowrank.random.Nonlinearity;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelSweepTest {
    @TempDir Path dir;

    /** A mixed sweep: optimizers of every kind, linear and non-linear nets, Gram ranks, seeds. */
    static List<RunSpec> specs() {
        TaskSpec task = new TaskSpec(16, 16, 3, TaskSpec.Spectrum.EQUAL, 12, 32, 0);
        List<RunSpec> out = new ArrayList<>();
        String[] opt = {"SGD", "Adam", "Muon", "Momentum", "LBFGS", "CMAES", "RandomSearch", "SGD", "Lion", "SGD", "RMSProp", "SGD"};
        double[] lr = {0.2, 0.01, 0.02, 0.1, 1.0, 0.05, 1.0, 50.0, 0.001, 0.2, 0.001, 0.1};
        Nonlinearity[] act = {Nonlinearity.LINEAR, Nonlinearity.RELU, Nonlinearity.TANH};
        for (int i = 0; i < opt.length; i++) {
            NetConfig net = new NetConfig(16, 16, 16, 2 + i % 4, act[i % 3], i % 5 == 0 ? NetConfig.Init.SMALL : NetConfig.Init.DEFAULT);
            // lr 50 diverges and exercises the restart at half the rate
            out.add(new RunSpec("par", task, net, new OptimizerSpec(opt[i], lr[i]), 150, 1e-8, 10 + i, i % 2 == 0));
        }
        return out;
    }

    /** The CSV's rows without the last column (seconds, wall-clock time). */
    static List<String> rowsWithoutSeconds(Path csv) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String l : Files.readAllLines(csv)) rows.add(l.substring(0, l.lastIndexOf(',')));
        return rows;
    }

    @Test
    void parallelSweepWritesTheSerialCsvRowForRow() throws Exception {
        assertTrue(RunResult.HEADER.endsWith(",seconds"), "the last column is the run time: " + RunResult.HEADER);
        Path serial = dir.resolve("serial.csv"), parallel = dir.resolve("parallel.csv"), tight = dir.resolve("tight.csv");
        List<RunResult> a = new Runner(serial, 1).run(specs());
        List<RunResult> b = new Runner(parallel, 4).run(specs());
        // a budget below one run's estimate: runs go one at a time, and still all run
        List<RunResult> c = new Runner(tight, 4, 1).run(specs());
        List<String> want = rowsWithoutSeconds(serial);
        assertEquals(specs().size() + 1, want.size());
        assertEquals(want, rowsWithoutSeconds(parallel));
        assertEquals(want, rowsWithoutSeconds(tight));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(specs().get(i).key(), b.get(i).key());
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0.0);
            assertEquals(a.get(i).rhoFinal(), c.get(i).rhoFinal(), 0.0);
        }
        assertTrue(a.stream().anyMatch(r -> r.lr() != specs().get(a.indexOf(r)).optimizer().lr()), "one run restarted at a smaller rate");
    }

    @Test
    void everyRunIsInTheCsvAsSoonAsItFinishes() throws Exception {
        Path csv = dir.resolve("live.csv");
        List<String> missing = java.util.Collections.synchronizedList(new ArrayList<>());
        new Runner(csv, 4).onResult(r -> {
            try {
                if (Files.readAllLines(csv).stream().noneMatch(l -> l.startsWith(r.key() + ","))) missing.add(r.key());
            } catch (java.io.IOException e) {
                missing.add(r.key() + " (" + e + ")");
            }
        }).run(specs());
        assertEquals(List.of(), missing, "runs finished but not yet written (lost if the sweep is killed now)");
        assertEquals(specs().size() + 1, Files.readAllLines(csv).size());
    }

    @Test
    void memoryEstimateGrowsWithTheRun() {
        RunSpec small = specs().get(0);
        RunSpec big = new RunSpec("par", new TaskSpec(64, 64, 3, TaskSpec.Spectrum.EQUAL, 512, 512, 0),
                NetConfig.linear(64, 16, NetConfig.Init.DEFAULT), new OptimizerSpec("Adam", 0.01), 10, 0, 1, false);
        assertTrue(Runner.estimatedBytes(big) > 4 * Runner.estimatedBytes(small));
        var e = assertThrows(IllegalArgumentException.class, () -> new Runner(null, 1, -1));
        assertTrue(e.getMessage().contains("memoryBudget"));
    }
}

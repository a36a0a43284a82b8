package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.experiment.ResultsCsv;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

class ReproduceTest {
    @TempDir Path dir;

    /** Two phases (learning-rate sweep, then the runs at the chosen rates): 12 + 4 tiny runs. */
    static final InitializationSweep TINY = new InitializationSweep(new int[] {1, 2}, 1, 40);

    private static Reproduce.Options opts(Path out, Runner.Shard shard, int merge) {
        return new Reproduce.Options("06", Scale.QUICK, out, 1, shard, merge);
    }

    private static Path runs(Path out) {
        return out.resolve("quick/06_initialization/runs.csv");
    }

    @Test
    void shardsMergeToTheCsvOfOneProcess() throws Exception {
        Path whole = dir.resolve("whole"), sharded = dir.resolve("sharded");
        assertTrue(Reproduce.execute(TINY, opts(whole, Runner.Shard.ALL, 0), null, "local", new String[0], s -> { }));
        // Round-robin over the shards until each says it is done; shard 0 must wait for shard 1 at the first step.
        Runner.Shard s0 = new Runner.Shard(0, 2), s1 = new Runner.Shard(1, 2);
        assertFalse(Reproduce.execute(TINY, opts(sharded, s0, 0), null, "local", new String[0], s -> { }),
                "shard 0 cannot pick rates before shard 1 ran its share of the sweep");
        assertFalse(Reproduce.execute(TINY, opts(sharded, Runner.Shard.ALL, 2), null, "merge", new String[0], s -> { }),
                "the merge refuses while shard 1 has not run");
        int rounds = 0;
        boolean done0 = false, done1 = false;
        while (!(done0 && done1) && rounds++ < 4) {
            done1 = Reproduce.execute(TINY, opts(sharded, s1, 0), null, "local", new String[0], s -> { });
            done0 = Reproduce.execute(TINY, opts(sharded, s0, 0), null, "local", new String[0], s -> { });
        }
        assertTrue(done0 && done1, "both shards finish within 4 rounds");
        Path d = sharded.resolve("quick/06_initialization");
        Set<String> k0 = ResultsCsv.read(Reproduce.shardCsv(d, 0, 2)).keySet(), k1 = ResultsCsv.read(Reproduce.shardCsv(d, 1, 2)).keySet();
        Set<String> both = new HashSet<>(k0);
        both.retainAll(k1);
        assertTrue(both.isEmpty(), "no run is run by both shards: " + both);
        int total = ResultsCsv.read(runs(whole)).size();   // learning-rate sweep (with any grid extension) + the runs
        assertEquals(total, k0.size() + k1.size());
        assertTrue(Math.abs(k0.size() - k1.size()) <= 2, "round robin splits evenly: " + k0.size() + " vs " + k1.size());

        assertTrue(Reproduce.execute(TINY, opts(sharded, Runner.Shard.ALL, 2), null, "merge", new String[0], s -> { }));
        List<String> merged = ResultsCsv.withoutTimings(runs(sharded)), one = ResultsCsv.withoutTimings(runs(whole));
        assertEquals(total + 1, one.size());   // header + rows
        assertEquals(one, merged);
        assertEquals(2, Files.readAllLines(sharded.resolve("quick/06_initialization/provenance.jsonl")).stream()
                .filter(l -> l.contains("\"part\": \"merge of 2 shards\"")).count());
    }

    @Test
    void shardsRunningAtOnceWaitForEachOtherAndMergeToTheSameCsv() throws Exception {
        Path whole = dir.resolve("whole"), sharded = dir.resolve("sharded");
        assertTrue(Reproduce.execute(TINY, opts(whole, Runner.Shard.ALL, 0), null, "local", new String[0], s -> { }));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Boolean>> shards = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                var o = new Reproduce.Options("06", Scale.QUICK, sharded, 1, new Runner.Shard(i, 2), 0, 120);
                shards.add(pool.submit(() -> Reproduce.execute(TINY, o, null, "local", new String[0], s -> { })));
            }
            for (var f : shards) assertTrue(f.get(150, TimeUnit.SECONDS), "each shard waits for the other at the step boundary");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Reproduce.execute(TINY, opts(sharded, Runner.Shard.ALL, 2), null, "merge", new String[0], s -> { }));
        assertEquals(ResultsCsv.withoutTimings(runs(whole)), ResultsCsv.withoutTimings(runs(sharded)));
    }

    @Test
    void killedSweepContinuesAndLosesNoFinishedRun() throws Exception {
        Path killed = dir.resolve("killed"), fresh = dir.resolve("fresh");
        Path csv = runs(killed);
        // the uninterrupted sweep first: how many runs it has (the learning-rate search may extend its grid)
        Reproduce.execute(ReproduceChild.SWEEP, ReproduceChild.options(fresh), null, "local", new String[0], s -> { });
        int total = ResultsCsv.read(runs(fresh)).size();
        assertTrue(total > 13, "the sweep has more than 13 runs: " + total);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ReproduceChild.class.getName(), killed.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        // kill it mid-sweep: after the first 12 sweep runs and at least one more, before the last run
        while (ResultsCsv.read(csv).size() < 13) {
            assertTrue(child.isAlive(), "child ended before it was killed: " + Files.readString(dir.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "child sweep too slow");
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Set<String> before = ResultsCsv.read(csv).keySet();
        assertTrue(before.size() >= 13 && before.size() < total, "killed after " + before.size() + " of " + total + " runs");
        List<String> rowsBefore = Files.readAllLines(csv).subList(1, before.size() + 1);

        Reproduce.execute(ReproduceChild.SWEEP, ReproduceChild.options(killed), null, "local", new String[0], s -> { });
        String prov = Files.readString(killed.resolve("quick/06_initialization/provenance.jsonl"));
        assertTrue(prov.contains("\"runs_executed\": " + (total - before.size()) + ","), "only unfinished runs executed: " + prov);
        List<String> after = Files.readAllLines(csv);
        for (String row : rowsBefore) assertTrue(after.contains(row), "finished row kept byte for byte: " + row);

        assertEquals(ResultsCsv.withoutTimings(runs(fresh)), ResultsCsv.withoutTimings(csv), "killed + resumed = uninterrupted");
    }

    @Test
    void aTerminatedSittingStillRecordsItsProvenance() throws Exception {
        Path out = dir.resolve("terminated");
        Path csv = runs(out);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ReproduceChild.class.getName(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (ResultsCsv.read(csv).size() < 3) {
            assertTrue(child.isAlive(), "child ended before it was stopped: " + Files.readString(dir.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "child sweep too slow");
            Thread.sleep(5);
        }
        child.destroy(); // SIGTERM, as Ctrl-C or a batch system's time limit
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        SweepResults r = SweepResults.load(out, "06_initialization", Scale.QUICK);
        assertEquals(1, r.sittings().size());
        var s = r.sittings().get(0);
        assertFalse(s.complete());
        assertTrue(s.get("note").startsWith("interrupted"), s.fields().toString());
        assertFalse(r.complete());
        int rows = Integer.parseInt(s.get("runs_in_csv"));
        assertTrue(rows >= 3 && rows < 16, "rows in the CSV when stopped: " + rows);
    }

    @Test
    void badArgumentsNameArgumentValueAndWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Runner.Shard.parse("3/2"));
        assertTrue(e.getMessage().contains("--shard '3/2'") && e.getMessage().contains("0 <= i < n"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Runner.Shard.parse("1-of-2"));
        assertTrue(e.getMessage().contains("'1-of-2'") && e.getMessage().contains("allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reproduce.parse(new String[] {"--notebook", "99", "--scale", "paper"}));
        assertTrue(e.getMessage().contains("--notebook '99'") && e.getMessage().contains("01, 02, 03, 04, 05, 06, 07"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reproduce.parse(new String[] {"--notebook", "06", "--scale", "huge"}));
        assertTrue(e.getMessage().contains("--scale 'huge'") && e.getMessage().contains("quick, medium, paper"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reproduce.parse(new String[] {"--notebook", "06_wrong", "--scale", "quick"}));
        assertTrue(e.getMessage().contains("06_initialization"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reproduce.parse(new String[] {"--notebook", "06", "--scale", "quick", "--seed", "1"}));
        assertTrue(e.getMessage().contains("'--seed'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reproduce.parse(new String[] {"--notebook", "06", "--scale", "quick", "--wait", "5"}));
        assertTrue(e.getMessage().contains("--wait 5") && e.getMessage().contains("--shard"), e.getMessage());
        assertEquals(new Runner.Shard(2, 8), Reproduce.parse(new String[] {"--notebook", "06_initialization", "--scale", "PAPER", "--shard", "2/8"}).shard());
    }

    @Test
    void sweepsAtQuickScaleAreTheNotebooksSizes() {
        // notebooks 06 and 07 run their drivers on the drivers' setups, as the sweeps do
        InitializationSweep s06 = (InitializationSweep) Sweeps.of("06", Scale.QUICK);
        assertArrayEquals(new int[] {1, 4, 8, 16, 32}, s06.depths());
        assertEquals(5, s06.seeds());
        assertEquals(3000, s06.steps());
        assertEquals(org.lowrank.claims.Initialization.Setup.quick().describe(), s06.setup().describe());
        assertEquals(org.lowrank.claims.Initialization.Setup.paper().describe(), ((InitializationSweep) Sweeps.of("06", Scale.PAPER)).setup().describe());
        LowRankTargetsSweep s07 = (LowRankTargetsSweep) Sweeps.of("07", Scale.PAPER);
        assertEquals("07_low_rank_targets", s07.notebook());
        assertEquals(org.lowrank.claims.LowRankTargets.C6Setup.paper().describe(), s07.c6().describe());
        assertEquals(org.lowrank.claims.LowRankTargets.C7Setup.paper().describe(), s07.c7().describe());
        assertEquals(org.lowrank.claims.LowRankTargets.C7Setup.quick().describe(), ((LowRankTargetsSweep) Sweeps.of("07", Scale.QUICK)).c7().describe());
        // notebooks 01-03 (cells 2): grid 61 / 101 and 40 / 200 draws; n = 256 / 512 with 8 / 32 products
        assertEquals(101, ((RankLandscapeSweep) Sweeps.of("01", Scale.PAPER)).config().grid());
        assertEquals(40, ((RankLandscapeSweep) Sweeps.of("01", Scale.QUICK)).config().draws());
        assertEquals(5000, ((RandomNetworksSweep) Sweeps.of("02", Scale.PAPER)).draws());
        assertEquals(new RandomMatrixTheorySweep(512, 32, 2000), Sweeps.of("03", Scale.PAPER));
    }
}

package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

class DrawSweepTest {
    @TempDir Path dir;

    /** Notebook 02's cells with few draws. */
    static final RandomNetworksSweep TINY = new RandomNetworksSweep(12, 6, 4);

    private static Reproduce.Options opts(Path out, Runner.Shard shard, int merge) {
        return new Reproduce.Options("02", Scale.QUICK, out, 2, shard, merge);
    }

    private static Path draws(Path out) {
        return out.resolve("quick/02_random_networks/draws.csv");
    }

    @Test
    void shardsMergeAndResumeGiveTheFileOfOneProcess() throws Exception {
        Path whole = dir.resolve("whole"), sharded = dir.resolve("sharded"), resumed = dir.resolve("resumed");
        assertTrue(Reproduce.execute(TINY, opts(whole, Runner.Shard.ALL, 0), null, "local", new String[0], s -> { }));
        List<String> one = Files.readAllLines(draws(whole));
        int cells = TINY.cells().size();
        assertEquals(cells + 1, one.size());
        Map<String, double[]> c02 = SweepResults.draws(whole, "02_random_networks", Scale.QUICK);
        assertEquals(12, c02.get("c2a|NORMAL|d=4").length);
        var normal = RandomNetworksSweep.c2a(c02, org.lowrank.random.Init.NORMAL);
        assertEquals(RandomNetworksSweep.DEPTHS.length, normal.length);
        assertArrayEquals(org.lowrank.random.RandomMatrices.productRanks(org.lowrank.random.ProductConfig.of(16, 4, org.lowrank.random.Init.NORMAL), 12,
                RandomNetworksSweep.SEED + 2).samples(), normal[2].samples(), "d=4 is the third depth, seeded SEED + 2");
        assertEquals(6, RandomNetworksSweep.c2b(c02, org.lowrank.random.Nonlinearity.RELU, org.lowrank.random.Init.UNIFORM)[4].size());
        assertEquals(4, RandomNetworksSweep.acts(c02, org.lowrank.random.Nonlinearity.SIREN)[0].size());

        Runner.Shard s0 = new Runner.Shard(0, 3);
        assertTrue(Reproduce.execute(TINY, opts(sharded, s0, 0), null, "local", new String[0], s -> { }));
        assertFalse(Reproduce.execute(TINY, opts(sharded, Runner.Shard.ALL, 3), null, "merge", new String[0], s -> { }),
                "the merge refuses while shards 1 and 2 have not run");
        for (int i = 1; i < 3; i++)
            assertTrue(Reproduce.execute(TINY, opts(sharded, new Runner.Shard(i, 3), 0), null, "local", new String[0], s -> { }));
        assertTrue(Reproduce.execute(TINY, opts(sharded, Runner.Shard.ALL, 3), null, "merge", new String[0], s -> { }));
        assertEquals(one, Files.readAllLines(draws(sharded)), "merged shards = one process, byte for byte");

        // a sweep killed after 5 cells, mid-way through writing the 6th
        Files.createDirectories(draws(resumed).getParent());
        Files.writeString(draws(resumed), String.join("\n", one.subList(0, 6)) + "\n" + one.get(6).substring(0, 20));
        assertTrue(Reproduce.execute(TINY, opts(resumed, Runner.Shard.ALL, 0), null, "local", new String[0], s -> { }));
        assertEquals(one, Files.readAllLines(draws(resumed)));
        String prov = Files.readString(resumed.resolve("quick/02_random_networks/provenance.jsonl"));
        assertTrue(prov.contains("\"runs_executed\": " + (cells - 5) + ","), "only the missing cells are computed: " + prov);
        assertTrue(ResultsIndex.table(resumed).contains("| 02_random_networks | quick | (" + cells + ") | yes |"));
    }

    @Test
    void notebooks01And03CellsHoldTheShapesTheirReadersExpect() {
        Path out = dir.resolve("shapes");
        var rmt = new RandomMatrixTheorySweep(96, 2, 5);
        assertTrue(Reproduce.execute(rmt, new Reproduce.Options("03", Scale.QUICK, out, 2, Runner.Shard.ALL, 0), null, "local",
                new String[0], s -> { }));
        Map<String, double[]> c03 = SweepResults.draws(out, "03_random_matrix_theory", Scale.QUICK);
        assertEquals(4 + 15, c03.size());
        assertEquals(2 * 96, c03.get("lambda|d=3|draws=2|n=96").length);
        assertEquals(5, c03.get("rho|n=64|d=8").length);
        assertEquals(2, c03.get("rho|n=96|d=16").length);
        assertThrows(IllegalArgumentException.class, () -> new RandomMatrixTheorySweep(64, 2, 5));

        var land = new RankLandscapeSweep(new org.lowrank.random.LandscapeConfig(2, 5, 2.0, true, 0.5, 3));
        assertTrue(Reproduce.execute(land, new Reproduce.Options("01", Scale.QUICK, out, 2, Runner.Shard.ALL, 0), null, "local",
                new String[0], s -> { }));
        Map<String, double[]> c01 = SweepResults.draws(out, "01_rank_landscape", Scale.QUICK);
        assertEquals(2 * 3, c01.get("lowFractions|draws=3").length);
        assertEquals(2 * 25, c01.get("slice0|grid=5").length);
        assertEquals(40, c01.get("alt|n=2|unit-norm|draws=20").length);

        // the readers the notebooks use give back what the sweep computed
        assertArrayEquals(org.lowrank.random.RankLandscape.lowFractions(land.config(), RankLandscapeSweep.SEED), land.lowFractions(c01));
        var alt = RankLandscapeSweep.ALTERNATIVES.get(1);
        assertArrayEquals(org.lowrank.random.RankLandscape.lowFractions(alt, RankLandscapeSweep.SEED), RankLandscapeSweep.alternativeFractions(c01, alt));
        assertArrayEquals(org.lowrank.random.FussCatalan.sampleSquaredSingularValues(96, 3, 2, RandomMatrixTheorySweep.SEED + 3), rmt.lambdas(c03, 3));
        assertArrayEquals(c03.get("rho|n=64|d=8"), RandomMatrixTheorySweep.rho(c03, 64, 8));
        var e = assertThrows(IllegalArgumentException.class, () -> RandomMatrixTheorySweep.rho(c03, 32, 8));
        assertTrue(e.getMessage().contains("rho|n=32|d=8"), e.getMessage());
    }

    @Test
    void drawSweepsRefuseAnotherEngine() {
        var e = assertThrows(IllegalArgumentException.class, () -> Reproduce.execute(TINY, opts(dir, Runner.Shard.ALL, 0),
                (todo, finished) -> { }, "spark", new String[0], s -> { }));
        assertTrue(e.getMessage().contains("[04, 05, 06, 07]"), e.getMessage());
        Map<String, double[]> none = DrawsCsv.read(dir.resolve("missing.csv"));
        assertTrue(none.isEmpty());
    }

    /** A cell that fails does not lose the cells in flight beside it: they finish and are written before the error. */
    @Test
    void aFailedCellKeepsTheCellsInFlight() throws Exception {
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        DrawSweep sweep = new DrawSweep() {
            @Override public String notebook() { return "02_random_networks"; }
            @Override public List<Cell> cells() {
                return List.of(
                        new Cell("slow", () -> {
                            try {
                                failed.await();
                                Thread.sleep(200);   // still running when the other cell's failure is seen
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return new double[] {1, 2};
                        }),
                        new Cell("bad", () -> {
                            failed.countDown();
                            throw new ArithmeticException("cell failure");
                        }));
            }
        };
        var e = assertThrows(IllegalStateException.class,
                () -> Reproduce.execute(sweep, opts(dir, Runner.Shard.ALL, 0), null, "local", new String[0], s -> { }));
        assertTrue(e.getMessage().contains("cell bad failed") && e.getMessage().contains("cell failure"), e.getMessage());
        assertArrayEquals(new double[] {1, 2}, DrawsCsv.read(draws(dir)).get("slow"), "the cell in flight was written");
    }
}

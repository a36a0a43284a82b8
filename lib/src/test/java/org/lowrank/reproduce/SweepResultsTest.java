package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.experiment.ResultsCsv;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

class SweepResultsTest {
    @TempDir Path dir;

    @Test
    void readsBackWhatReproduceWrote() throws Exception {
        Path out = dir.resolve("results");
        InitializationSweep tiny = new InitializationSweep(new int[] {1, 2}, 1, 40);
        assertTrue(Reproduce.execute(tiny, new Reproduce.Options("06", Scale.QUICK, out, 1, Runner.Shard.ALL, 0), null, "local",
                new String[] {"--notebook", "06", "--scale", "quick"}, s -> { }));
        SweepResults r = SweepResults.load(out, "06_initialization", Scale.QUICK);
        List<RunResult> csv = List.copyOf(ResultsCsv.read(out.resolve("quick/06_initialization/runs.csv")).values());
        assertEquals(csv, r.runs());
        assertEquals(4, r.group("c5").size());
        // 2 depths x 2 inits x 3 rates, plus the rates the search added where a best rate sat at a grid edge
        assertTrue(r.group("lr-c5").size() >= 12, "learning-rate runs: " + r.group("lr-c5").size());
        assertEquals(4 + r.group("lr-c5").size(), r.runs().size());
        assertEquals(1, r.sittings().size());
        assertTrue(r.complete());
        assertEquals("--notebook 06 --scale quick", r.sittings().get(0).get("args"));
        assertEquals("local", r.sittings().get(0).get("mode"));
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), r.sittings().get(0).get("cores"));
        assertTrue(r.wallSeconds() > 0, "wall time, in ms precision: " + r.sittings().get(0).get("wall_s"));
        assertTrue(r.label().startsWith("quick scale: " + r.runs().size() + " runs"), r.label());
        assertEquals(List.of(Scale.QUICK), SweepResults.available(out, "06_initialization"));
        String index = ResultsIndex.table(out);
        assertTrue(index.contains("| 06_initialization | quick | " + r.runs().size() + " | yes |"), index);
        assertTrue(index.contains("`quick/06_initialization/runs.csv`"), index);
        assertEquals(3, index.lines().count(), "header, rule, one sweep: " + index);
    }

    @Test
    void provenanceLinesRoundTripThroughTheWriter() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "make reproduce NOTEBOOKS='06' \"x\"\\y");
        m.put("wall_s", 12.5);
        m.put("complete", false);
        m.put("load", Double.NaN);
        Map<String, String> back = SweepResults.parseLine(Reproduce.json(m));
        assertEquals("make reproduce NOTEBOOKS='06' \"x\"\\y", back.get("command"));
        assertEquals("12.5", back.get("wall_s"));
        assertEquals("false", back.get("complete"));
        assertEquals("null", back.get("load"));
    }

    @Test
    void missingResultsNameThePathAndTheScalesThatExist() throws Exception {
        Files.createDirectories(dir.resolve("quick/06_initialization"));
        Files.writeString(dir.resolve("quick/06_initialization/runs.csv"), RunResult.HEADER + "\n");
        var e = assertThrows(IllegalArgumentException.class, () -> SweepResults.load(dir, "06_initialization", Scale.PAPER));
        assertTrue(e.getMessage().contains("paper") && e.getMessage().contains("runs.csv") && e.getMessage().contains("[quick]"), e.getMessage());
    }
}

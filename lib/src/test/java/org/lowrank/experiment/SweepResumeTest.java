package org.lowrank.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepResumeTest {
    @TempDir Path dir;

    @Test
    void killedSweepResumesWithoutRedoingFinishedRuns() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SweepMain.class.getName(), csv.toString(), "1").redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (ResultsCsv.read(csv).size() < 3) {
            assertTrue(child.isAlive(), "child sweep ended before it was killed: " + Files.readString(dir.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "child sweep too slow");
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Map<String, RunResult> before = ResultsCsv.read(csv);
        int k = before.size();
        assertTrue(k >= 3 && k < 8, "killed after " + k + " of 8 runs");

        Runner runner = new Runner(csv, 2);
        List<RunResult> all = runner.run(SweepMain.specs());
        assertEquals(8 - k, runner.executed(), "only the unfinished runs are executed");
        List<String> lines = Files.readAllLines(csv);
        assertEquals(RunResult.HEADER, lines.get(0));
        assertEquals(1, lines.stream().filter(RunResult.HEADER::equals).count(), "header written once");
        Set<String> keys = new HashSet<>();
        for (String l : lines.subList(1, lines.size())) assertTrue(keys.add(l.split(",")[0]), "duplicate row " + l);
        assertEquals(8, keys.size());
        for (RunResult r : all) assertNotNull(r);
        // finished rows were kept as they were, and a run repeated in-process gives the same numbers (seeded)
        for (RunResult r : before.values()) {
            RunSpec s = SweepMain.specs().stream().filter(x -> x.key().equals(r.key())).findFirst().orElseThrow();
            RunResult again = Trainer.run(s);
            assertEquals(r.trainLoss(), again.trainLoss(), 0.0);
            assertEquals(r.rhoFinal(), again.rhoFinal(), 0.0);
        }
        // and a second resume does nothing
        Runner third = new Runner(csv, 2);
        third.run(SweepMain.specs());
        assertEquals(0, third.executed());
    }

    @Test
    void tornLastLineIsCut() throws Exception {
        Path csv = dir.resolve("torn.csv");
        RunSpec s = SweepMain.specs().get(0).with("torn", 10, 1);
        new Runner(csv, 1).run(List.of(s));
        Files.writeString(csv, Files.readString(csv) + "partial,row", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Runner r = new Runner(csv, 1);
        r.run(List.of(s, s.with("torn", 10, 2)));
        assertEquals(1, r.executed());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), String.join("\n", lines));
    }
}

package org.lowrank.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressTest {
    private static String drive(Progress mode) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress.Printer p = new Progress.Printer(mode, new PrintStream(buf, true, StandardCharsets.UTF_8), mode.intervalMillis(), 10);
        for (int epoch = 1; epoch <= 3; epoch++) {
            for (int i = 1; i <= 40; i++) p.iteration("epoch " + epoch + " iter " + i, (epoch - 1) * 40 + i, i == 40);
            p.epoch("epoch " + epoch + " done", "run done", epoch == 3);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inPlaceModeIsThrottledAndTheEpochSummaryOverwritesTheLine() {
        String s = drive(Progress.IN_PLACE);
        // 120 fast iterations: only the run's first update is shown (the next would be due 1 s later),
        // and the forced epoch-end update is replaced by the summary.
        assertTrue(s.startsWith("\repoch 1 iter 1"), s);
        assertEquals(1, s.split("iter", -1).length - 1, s);
        assertTrue(s.contains("\repoch 1 done"), s);
        assertTrue(s.contains("\nepoch 2 done\n"), s);
    }

    @Test
    void notebookModePrintsOnlyTheRunsLastEpochLine() {
        // a saved notebook keeps every write, so only the final summary of a run is printed
        assertEquals("run done\n", drive(Progress.NOTEBOOK));
        assertFalse(Progress.NOTEBOOK.showsSteps());
        assertTrue(Progress.LINES.showsSteps() && Progress.IN_PLACE.showsSteps());
    }

    @Test
    void linesModeLogsEveryNAndEpochEnds() {
        String s = drive(Progress.LINES);
        assertEquals(3 * 4, s.split("iter", -1).length - 1, s);   // iterations 10, 20, 30, 40 of each epoch
        assertFalse(s.contains("\r"), s);
        assertEquals(3, s.split("done", -1).length - 1, s);
        assertFalse(drive(Progress.NONE).contains("iter"));
    }
}

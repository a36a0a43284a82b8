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
            p.line("epoch " + epoch + " done");
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inPlaceModesAreThrottledAndTheEpochSummaryOverwritesTheLine() {
        for (Progress mode : new Progress[]{Progress.IN_PLACE, Progress.NOTEBOOK}) {
            String s = drive(mode);
            // 120 fast iterations: only the run's first update is shown (the next would be due 1 s / 10 s later),
            // and the forced epoch-end update is replaced by the summary.
            assertTrue(s.startsWith("\repoch 1 iter 1"), mode + ": " + s);
            assertEquals(1, s.split("iter", -1).length - 1, mode + ": " + s);
            assertTrue(s.contains("\repoch 1 done"), mode + ": " + s);
            assertTrue(s.contains("\nepoch 2 done\n"), mode + ": " + s);
        }
        assertTrue(Progress.NOTEBOOK.intervalMillis() > Progress.IN_PLACE.intervalMillis());
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

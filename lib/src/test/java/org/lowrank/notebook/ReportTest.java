package org.lowrank.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lowrank.claims.ReportLine;

class ReportTest {
    private static String printed(Runnable r) {
        PrintStream old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static final List<ReportLine> LINES = List.of(ReportLine.text("d 1->2: p=0.001"), ReportLine.check("C2a: rho falls", true, "p < 0.01"),
            ReportLine.check("C2a: spread grows", false, ""), ReportLine.finding("C2b peak vs paper", "ours 0.26, paper 1.45"),
            ReportLine.finding("C2b: spread grows", false, "std 0.25 -> 0.19"));

    @Test
    void liveLinesAreUntaggedAndCommittedOnesCarryTheScale() {
        assertEquals("d 1->2: p=0.001\n[CLAIM PASS] C2a: rho falls: p < 0.01\n[CLAIM FAIL] C2a: spread grows\n"
                + "[FINDING] C2b peak vs paper: ours 0.26, paper 1.45\n[FINDING] C2b: spread grows: DOES NOT HOLD: std 0.25 -> 0.19\n",
                printed(() -> Report.print(LINES)));
        assertEquals("d 1->2: p=0.001\n[CLAIM PASS] @paper C2a: rho falls: p < 0.01\n[CLAIM FAIL] @paper C2a: spread grows\n"
                + "[FINDING] @paper C2b peak vs paper: ours 0.26, paper 1.45\n[FINDING] @paper C2b: spread grows: DOES NOT HOLD: std 0.25 -> 0.19\n",
                printed(() -> Report.print(Claims.at(Scale.PAPER), LINES)));
        assertTrue(Claims.results().stream().anyMatch(r -> r.name().equals("@paper C2a: spread grows") && !r.passed()));
        assertThrows(IllegalArgumentException.class, () -> Report.print(null));
    }
}

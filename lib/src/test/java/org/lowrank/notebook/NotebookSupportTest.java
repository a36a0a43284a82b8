package org.lowrank.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.lowrank.claims.ComparisonTable;

class NotebookSupportTest {
    @Test
    void scaleParsesNamesAndDefaultsToQuick() {
        assertEquals(Scale.QUICK, Scale.parse(null));
        assertEquals(Scale.QUICK, Scale.parse("  "));
        assertEquals(Scale.PAPER, Scale.parse("Paper"));
        assertEquals(3, Scale.PAPER.pick(1, 3));
        assertEquals("a", Scale.QUICK.pick("a", "b"));
    }

    @Test
    void mediumIsAResultsOnlyScale() {
        var e = assertThrows(IllegalArgumentException.class, () -> Scale.parse("medium"));
        assertTrue(e.getMessage().contains("LOWRANK_SCALE") && e.getMessage().contains("medium"), e.getMessage());
        assertEquals(Scale.MEDIUM, Scale.parseAny(" Medium "));
        assertEquals(Scale.PAPER, Scale.parseAny("paper"));
        assertEquals(Scale.QUICK, Scale.parseAny(null));
        var bad = assertThrows(IllegalArgumentException.class, () -> Scale.parseAny("huge"));
        assertTrue(bad.getMessage().contains("medium") && bad.getMessage().contains("huge"), bad.getMessage());
        assertThrows(IllegalStateException.class, () -> Scale.MEDIUM.pick(1, 2));
        assertThrows(IllegalStateException.class, () -> Scale.MEDIUM.pick("a", "b"));
        assertEquals("medium", Scale.MEDIUM.toString());
        assertEquals("@medium", Claims.at(Scale.MEDIUM).tag());
    }

    @Test
    void unknownScaleNamesTheVariableAndTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Scale.parse("huge"));
        assertTrue(e.getMessage().contains("LOWRANK_SCALE") && e.getMessage().contains("huge"), e.getMessage());
    }

    @Test
    void claimChecksPrintTheLinesTheRunnerCounts() {
        PrintStream old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Claims.check("holds", true, "1 < 2");
            Claims.check("fails", false, "");
            Claims.finding("C7: soft", "a note");
            Claims.finding("C7: ranks stay low", false, "3 > 1");
            Claims.finding("C7: ranks fall", true, "");
            Claims.at(Scale.PAPER).check("C5: rho falls", true, "slope < 0");
            Claims.at(Scale.PAPER).finding("C5: within 0.1", false, "0.46");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("[FINDING] C7: soft: a note\n"), out);
        assertTrue(out.contains("[FINDING] C7: ranks stay low: DOES NOT HOLD: 3 > 1\n"), out);
        assertTrue(out.contains("[FINDING] C7: ranks fall: holds\n"), out);
        assertThrows(IllegalArgumentException.class, () -> Claims.finding(" ", true, "x"));
        assertTrue(out.contains("[CLAIM PASS] @paper C5: rho falls: slope < 0\n"), out);
        assertTrue(out.contains("[FINDING] @paper C5: within 0.1: DOES NOT HOLD: 0.46\n"), out);
        assertThrows(IllegalArgumentException.class, () -> Claims.at(Scale.PAPER).check("", true, "x"));
        assertThrows(IllegalArgumentException.class, () -> Claims.at(null));
        assertTrue(out.contains("[CLAIM PASS] holds: 1 < 2\n"), out);
        assertTrue(out.contains("[CLAIM FAIL] fails\n"), out);
        assertTrue(Claims.results().stream().anyMatch(r -> r.name().equals("fails") && !r.passed()));
    }

    @Test
    void comparisonTableAlignsColumnsAndShowsMissingValues() {
        String t = new ComparisonTable("T", "depth", "paper", "ours").row(1, 2.55, Double.NaN).row(16, null, 1.1234).toString();
        assertEquals("T\ndepth | paper | ours \n------+-------+------\n1     | 2.550 | –    \n16    | –     | 1.123\n", t);
        assertThrows(IllegalArgumentException.class, () -> new ComparisonTable("T", "a", "b").row(1));
    }
}

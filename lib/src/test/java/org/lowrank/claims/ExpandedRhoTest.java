package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExpandedRhoTest {
    /** Seeds whose expanded layer starts 0.5 lower; training changes ρ by the given amounts (+ small seed noise). */
    private static List<ExpandedRho.Run> runs(double changePlain, double changeExpanded) {
        List<ExpandedRho.Run> out = new ArrayList<>();
        double[] noise = {0.011, -0.007, 0.004, -0.012, 0.006};
        for (int s = 0; s < noise.length; s++) {
            double p0 = 4.8 + noise[s], x0 = 4.3 - noise[s];
            out.add(new ExpandedRho.Run(s + 1, new double[] {p0, p0 + changePlain / 2, p0 + changePlain + noise[s]},
                    new double[] {x0, x0 + changeExpanded / 2, x0 + changeExpanded - noise[(s + 2) % 5]},
                    0.84 + noise[s], 0.83 - noise[s], 0.90, 0.90));
        }
        return out;
    }

    @Test
    void expandedEndingLowerOnlyBecauseItStartedLowerDoesNotPassTheChangeTest() {
        var r = ExpandedRho.of(runs(-0.05, -0.05));
        assertTrue(r.pInitLower() < 1e-4 && r.pFinalLower() < 1e-4, "starts and ends lower: " + r.pInitLower() + ", " + r.pFinalLower());
        assertTrue(r.pChangeLower() > 0.05, "same change: no evidence training adds anything, p = " + r.pChangeLower());
    }

    @Test
    void aLargerDropOfTheExpandedLayerIsDetected() {
        var r = ExpandedRho.of(runs(-0.05, -0.5));
        assertTrue(r.pChangeLower() < 1e-4, "p = " + r.pChangeLower());
        var reversed = ExpandedRho.of(runs(-0.5, -0.05));
        assertTrue(reversed.pChangeLower() > 0.99, "plain drops more: p = " + reversed.pChangeLower());
    }

    @Test
    void linesCarryTheChangeCheckAndItsVerdict() {
        var same = ExpandedRho.of(runs(-0.05, -0.05)).lines();
        var larger = ExpandedRho.of(runs(-0.05, -0.5)).lines();
        assertEquals(ReportLine.Kind.CHECK, larger.get(0).kind());
        assertTrue(larger.get(0).holds(), larger.get(0).detail());
        assertEquals(Boolean.FALSE, same.get(0).holds(), "a drop no larger than the plain layer's fails: " + same.get(0).detail());
        assertEquals(1, larger.stream().filter(l -> l.kind() == ReportLine.Kind.CHECK).count(), "one check, the rest findings and a table");
        assertTrue(larger.get(3).name().contains("C9 final accuracies"), larger.get(3).name());
    }

    @Test
    void exposesPerSeedValuesAndPerEpochColumns() {
        var r = ExpandedRho.of(runs(-0.1, -0.4));
        assertEquals(5, r.changeExpanded().length);
        assertEquals(r.runs().get(2).finalExpanded() - r.runs().get(2).initExpanded(), r.changeExpanded()[2], 1e-15);
        double[][] byEpoch = r.rhoByEpoch(true);
        assertEquals(3, byEpoch.length);
        assertArrayEquals(r.initExpanded(), byEpoch[0], 0);
        assertArrayEquals(r.finalPlain(), r.rhoByEpoch(false)[2], 0);
        assertTrue(ExpandedRho.Result.meanCi(r.changePlain()).matches("-0\\.\\d{3} ± 0\\.\\d{3}"), ExpandedRho.Result.meanCi(r.changePlain()));
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        var one = runs(-0.1, -0.2).subList(0, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> ExpandedRho.of(one));
        assertTrue(e.getMessage().contains(">= 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExpandedRho.Run(1, new double[] {1, 2}, new double[] {1}, 0, 0, 0, 0));
        List<ExpandedRho.Run> mixed = new ArrayList<>(runs(-0.1, -0.2));
        mixed.add(new ExpandedRho.Run(9, new double[] {1, 2}, new double[] {1, 2}, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ExpandedRho.of(mixed));
    }
}

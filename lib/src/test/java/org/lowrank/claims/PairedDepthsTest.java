package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunStatus;

class PairedDepthsTest {
    static final int[] DEPTHS = {1, 4, 8, 16};

    /** Runs of one arm: rhoFinal = value(depth, seed), seeds 0..4, added in reverse seed order. */
    static List<RunResult> arm(String init, DoubleBinaryOperator value) {
        List<RunResult> out = new ArrayList<>();
        for (int d : DEPTHS) for (int s = 4; s >= 0; s--) {
            out.add(new RunResult(init + d + "/" + s, "g", d, "LINEAR", init, 8, "SGD", 0.1, s, 10, RunStatus.BUDGET, 0, 0, 1.0,
                    value.applyAsDouble(d, s), Double.NaN, Double.NaN, 2.0, 0));
        }
        return out;
    }

    static Predicate<RunResult> init(String name) { return r -> r.init().equals(name); }

    /** A large seed effect (±1) and a small depth effect: only a paired test sees the latter. */
    static double seedEffect(double s) { return new double[] {0.9, -1.1, 0.2, -0.4, 1.3}[(int) s]; }

    static List<RunResult> runs() {
        List<RunResult> rs = new ArrayList<>(arm("FALLS", (d, s) -> 3 + seedEffect(s) - 0.02 * d + 0.001 * ((s * 7 + d) % 3)));
        rs.addAll(arm("FLAT", (d, s) -> 3 + seedEffect(s) + 0.05 * Math.sin(1.7 * d + 2.3 * s)));
        rs.addAll(arm("U", (d, s) -> 2 + 0.01 * s + (d == 1 ? 0.5 : d == 4 ? 0.1 : d == 8 ? 0.0 : 0.4)));
        return rs;
    }

    static Map<String, Predicate<RunResult>> arms(String... names) {
        Map<String, Predicate<RunResult>> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, init(n));
        return m;
    }

    @Test
    void perSeedIsInSeedOrderAndRefusesRunsThatDoNotPair() {
        double[] v = PairedDepths.perSeed(runs(), init("U"), 4, RunResult::rhoFinal);
        assertArrayEquals(new double[] {2.1, 2.11, 2.12, 2.13, 2.14}, v, 1e-12);
        List<RunResult> twice = new ArrayList<>(runs());
        twice.addAll(arm("U", (d, s) -> 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairedDepths.perSeed(twice, init("U"), 4, RunResult::rhoFinal));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }

    @Test
    void aSmallDepthEffectUnderALargeSeedEffectIsFoundByPairingAndAFlatArmIsNot() {
        List<PairedDepths.Comparison> fam = PairedDepths.versusDepth(runs(), arms("FALLS", "FLAT"), DEPTHS, 1, RunResult::rhoFinal,
                PairedDepths.Direction.BELOW);
        assertEquals(6, fam.size(), "2 arms x 3 depths");
        assertTrue(PairedDepths.allSignificant(fam, "FALLS"), PairedDepths.describe(fam, "FALLS"));
        assertFalse(PairedDepths.of(fam, "FLAT").stream().anyMatch(PairedDepths.Comparison::significant), PairedDepths.describe(fam, "FLAT"));
        // unpaired, the same numbers are far from significant: the seed effect swamps the depth effect
        double[] a = PairedDepths.perSeed(runs(), init("FALLS"), 16, RunResult::rhoFinal), b = PairedDepths.perSeed(runs(), init("FALLS"), 1, RunResult::rhoFinal);
        assertTrue(Stats.welchLess(a, b) > 0.2);
        for (PairedDepths.Comparison c : fam) assertTrue(c.pHolm() >= c.p(), "Holm never lowers a p-value: " + c);
        assertTrue(PairedDepths.describe(fam, "FALLS").startsWith("d=1: "), PairedDepths.describe(fam, "FALLS"));
        // the other direction is not significant
        assertFalse(PairedDepths.allSignificant(PairedDepths.versusDepth(runs(), arms("FALLS"), DEPTHS, 1, RunResult::rhoFinal,
                PairedDepths.Direction.ABOVE), "FALLS"));
        assertThrows(IllegalArgumentException.class, () -> PairedDepths.versusDepth(runs(), arms("FALLS"), DEPTHS, 2, RunResult::rhoFinal,
                PairedDepths.Direction.BELOW));
    }

    @Test
    void nanValuesAreNeverSignificant() {
        List<RunResult> rs = arm("N", (d, s) -> d == 16 && s == 2 ? Double.NaN : 3 - 0.1 * d + 0.01 * s);
        List<PairedDepths.Comparison> fam = PairedDepths.versusDepth(rs, arms("N"), DEPTHS, 1, RunResult::rhoFinal, PairedDepths.Direction.BELOW);
        PairedDepths.Comparison c16 = fam.get(2);
        assertEquals(16, c16.depth());
        assertFalse(c16.significant());
        assertEquals(1, c16.value().nanCount());
        assertFalse(PairedDepths.allSignificant(fam, "N"));
    }

    @Test
    void stepsNameTheRisesAndTheUShapeNeedsBothSidesSignificant() {
        List<PairedDepths.Step> st = PairedDepths.steps(runs(), arms("U", "FALLS"), DEPTHS, RunResult::rhoFinal);
        assertEquals(6, st.size());
        List<PairedDepths.Step> rises = st.stream().filter(PairedDepths.Step::rises).toList();
        assertEquals(1, rises.size());
        assertEquals("U", rises.get(0).arm());
        assertEquals(8, rises.get(0).from());
        assertTrue(rises.get(0).describe().contains("d=8->16"), rises.get(0).describe());
        List<PairedDepths.Comparison> fam = PairedDepths.versusDepth(runs(), arms("U", "FALLS"), DEPTHS, 1, RunResult::rhoFinal,
                PairedDepths.Direction.BELOW);
        assertTrue(PairedDepths.uShaped(runs(), "U", init("U"), DEPTHS, RunResult::rhoFinal, fam));
        assertFalse(PairedDepths.uShaped(runs(), "FALLS", init("FALLS"), DEPTHS, RunResult::rhoFinal, fam), "best at the deepest depth");
        // the same U, but the deepest depth no higher than the best: not a U
        double[] noise = {0.003, -0.002, 0.003, -0.002, -0.001};   // mean +0.0002: above, not significantly
        List<RunResult> half = arm("H", (d, s) -> 2 + 0.01 * s + (d == 1 ? 0.5 : d == 4 ? 0.1 : d == 8 ? 0.0 : noise[(int) s]));
        List<PairedDepths.Comparison> fh = PairedDepths.versusDepth(half, arms("H"), DEPTHS, 1, RunResult::rhoFinal, PairedDepths.Direction.BELOW);
        assertFalse(PairedDepths.uShaped(half, "H", init("H"), DEPTHS, RunResult::rhoFinal, fh));
    }

    @Test
    void versusArmPairsTheTwoArmsBySeedAtEachDepth() {
        List<PairedDepths.Comparison> c = PairedDepths.versusArm(runs(), "FLAT vs FALLS", init("FLAT"), init("FALLS"), DEPTHS, RunResult::rhoFinal,
                PairedDepths.Direction.ABOVE);
        assertEquals(4, c.size());
        assertFalse(c.get(0).significant(), "equal at d=1 up to noise");
        assertTrue(c.get(3).significant(), "FALLS is 0.3 lower at d=16: " + c.get(3).describe());
        assertEquals(16, c.get(3).refDepth());
    }
}

package org.lowrank.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lowrank.data.Augmentation;
import org.lowrank.data.ImageDataset;

class CnnLrSweepTest {
    static CnnLrSweep.Trial trial(int depth, double lr, double val, double loss) {
        return new CnnLrSweep.Trial(depth, lr, val, loss, Double.isNaN(val), 1);
    }

    @Test
    void bestIsTheHighestValidationAccuracyNotTheLowestTrainLossAndNeverADivergedRun() {
        CnnLrSweep s = new CnnLrSweep(List.of(
                trial(1, 0.1, 0.70, 0.10),   // lowest train loss, worse validation
                trial(1, 0.03, 0.80, 0.40),
                trial(1, 0.01, 0.80, 0.50),  // tie: the smaller rate wins (LrSearch's rule)
                trial(4, 0.1, Double.NaN, 40),
                trial(4, 0.03, 0.60, 0.9),
                trial(4, 0.01, 0.65, 1.0),
                trial(8, 0.1, Double.NaN, 40)), 3, 80, 20, 1);
        assertEquals(0.01, s.bestLr(1));
        assertEquals(0.01, s.bestLr(4));
        assertEquals(org.lowrank.optim.LrSearch.Outcome.LOW_EDGE, s.search(4).outcome(), "0.01 is the smallest rate tried");
        var e = assertThrows(org.lowrank.optim.LrSearch.AllDivergedException.class, () -> s.best(8), "all diverged");
        assertTrue(e.getMessage().contains("expanded d=8") && e.getMessage().contains("0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.best(2), "no trials");
        String table = org.lowrank.notebook.Tables.lrSweep(s).toString();
        assertTrue(table.contains("diverged") && table.contains("expanded d=4"), table);
    }

    @Test
    void trialFlatteningRoundTrips() {
        for (CnnLrSweep.Trial t : List.of(new CnnLrSweep.Trial(2, 0.03, 0.72, 0.81, false, 12.5),
                new CnnLrSweep.Trial(4, 0.3, Double.NaN, 7.5, true, 3))) {
            assertEquals(t, CnnLrSweep.Trial.of(t.flatten()));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> CnnLrSweep.Trial.of(new double[5]));
        assertTrue(e.getMessage().contains("got 5"), e.getMessage());
    }

    @Test
    void splitIsStratifiedDisjointAndSeeded() {
        ImageDataset d = TinyNets.data(80, 3);   // 20 per class
        CnnLrSweep.Split sp = CnnLrSweep.Split.of(d, 0.25, 7);
        assertEquals(60, sp.train().size());
        assertEquals(20, sp.validation().size());
        assertArrayEquals(new int[]{5, 5, 5, 5}, sp.validation().classCounts());
        Set<String> tr = new HashSet<>();
        for (int i = 0; i < sp.train().size(); i++) tr.add(image(sp.train(), i));
        for (int i = 0; i < sp.validation().size(); i++) assertFalse(tr.contains(image(sp.validation(), i)), "validation image " + i + " is also in train");
        CnnLrSweep.Split again = CnnLrSweep.Split.of(d, 0.25, 7), other = CnnLrSweep.Split.of(d, 0.25, 8);
        assertArrayEquals(sp.validation().labels(), again.validation().labels());
        assertEquals(image(sp.validation(), 0), image(again.validation(), 0));
        assertFalse(Arrays.equals(images(sp.validation()), images(other.validation())));
        for (double f : new double[]{0, 1, -0.1, Double.NaN, 0.001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CnnLrSweep.Split.of(d, f, 1));
            assertTrue(e.getMessage().contains("fraction"), e.getMessage());
        }
    }

    @Test
    void sweepScoresEachRateOnTheValidationSplitAndPicksTheBest() {
        ImageDataset d = TinyNets.data(80, 1);
        CnnLrSweep.Split sp = CnnLrSweep.Split.of(d, 0.25, 1);
        CnnExperiment.Settings s = new CnnExperiment.Settings(CnnExperimentTest.CNN, 5, 8, 0.05, 5e-4, Augmentation.none(),
                16, 16, null, 5, Progress.NONE);
        double[] lrs = {0.3, 0.03, 0.003};
        CnnLrSweep sweep = CnnExperiment.sweepLearningRates(s, sp, 2, new int[]{1, 2}, lrs, 4, 0);
        assertEquals(6, sweep.trials().size());
        assertEquals(60, sweep.trainSize());
        assertEquals(20, sweep.validationSize());
        for (int depth : new int[]{1, 2}) {
            List<CnnLrSweep.Trial> ts = sweep.trials(depth);
            assertEquals(3, ts.size());
            double max = ts.stream().mapToDouble(CnnLrSweep.Trial::validationAccuracy).filter(v -> !Double.isNaN(v)).max().orElseThrow();
            assertEquals(max, sweep.best(depth).validationAccuracy(), 0.0);
        }
        // The score is the accuracy on the validation split of the same net trained on the train split: a run with the
        // picked rate, evaluated on the validation split as its "test" set, reproduces it exactly (deterministic on CPU).
        CnnLrSweep.Trial best = sweep.best(2);
        CnnExperiment.Run r = CnnExperiment.run(s.withEpochs(2).withLr(best.lr()), sp.train(), sp.train(), sp.validation(), 2, 4);
        assertEquals(best.validationAccuracy(), r.testAccuracy(), 0.0);
        assertEquals(best.lr(), r.lr());
        assertThrows(IllegalArgumentException.class, () -> CnnExperiment.sweepLearningRates(s, sp, 2, new int[]{1}, new double[]{0.1, -1}, 4));
        // the same sweep allowed one extension per depth: a depth whose best was at an edge tries the next rate beyond
        // it (×10 or ÷10 here), the others are unchanged; the trials of the grid are the same numbers
        CnnLrSweep ext = CnnExperiment.sweepLearningRates(s, sp, 2, new int[]{1, 2}, lrs, 4, 1);
        for (int depth : new int[]{1, 2}) {
            var before = sweep.search(depth);
            List<CnnLrSweep.Trial> ts = ext.trials(depth);
            assertEquals(before.interior() ? 3 : 4, ts.size(), "depth " + depth + ": " + before);
            for (int i = 0; i < 3; i++) assertEquals(sweep.trials(depth).get(i), withSeconds(ts.get(i), sweep.trials(depth).get(i).seconds()));
            if (!before.interior()) {
                double next = before.outcome() == org.lowrank.optim.LrSearch.Outcome.HIGH_EDGE ? 3.0 : 0.0003;
                assertEquals(next, ts.get(3).lr(), 1e-12);
                assertEquals(1, ext.search(depth).extensions());
            }
        }
    }

    private static CnnLrSweep.Trial withSeconds(CnnLrSweep.Trial t, double seconds) {
        return new CnnLrSweep.Trial(t.depth(), t.lr(), t.validationAccuracy(), t.trainLoss(), t.diverged(), seconds);
    }

    private static String image(ImageDataset d, int i) {
        StringBuilder b = new StringBuilder().append(d.label(i)).append(':');
        for (int y = 0; y < d.height(); y++) for (int x = 0; x < d.width(); x++) b.append(d.pixel(i, 0, y, x)).append(',');
        return b.toString();
    }

    private static String[] images(ImageDataset d) {
        String[] s = new String[d.size()];
        for (int i = 0; i < s.length; i++) s[i] = image(d, i);
        return s;
    }
}

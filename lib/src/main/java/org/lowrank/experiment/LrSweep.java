package org.lowrank.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-configuration learning-rate sweep (docs/reproduction-notes.md pitfall 10: deep products change the effective step size).
 * Each template is trained briefly ({@code steps}) at every learning rate of a grid, on its own seed; the rate
 * with the lowest final training loss wins (diverged runs lose). Sweep runs go through the same {@link Runner}
 * (group {@code lr-<group>}), so they are logged and resumable too.
 */
public final class LrSweep {
    private LrSweep() {}

    /**
     * The choice for one template.
     *
     * @param template the run the rate was chosen for
     * @param lr       the chosen rate
     * @param grid     the rates tried
     * @param losses   final training loss per rate (+∞ when diverged)
     */
    public record Choice(RunSpec template, double lr, double[] grid, double[] losses) {
        /** One line: the grid with losses, the choice marked. */
        public String describe() {
            StringBuilder sb = new StringBuilder(template.optimizer().name() + " d=" + template.net().depth() + " "
                    + template.net().init() + " r=" + template.task().rank() + ": ");
            for (int i = 0; i < grid.length; i++) {
                sb.append(String.format(java.util.Locale.ROOT, "%s%g→%.3g%s ", grid[i] == lr ? "[" : "", grid[i], losses[i],
                        grid[i] == lr ? "]" : ""));
            }
            return sb.toString().trim();
        }
    }

    /** Sweeps every template over {@code grid} with {@code steps} iterations each, on the template's seed. */
    public static List<Choice> pick(Runner runner, List<RunSpec> templates, double[] grid, int steps) {
        return pick(runner, templates, grid, steps, 1);
    }

    /**
     * Sweeps every template over {@code grid} with {@code steps} iterations on {@code seeds} seeds (the template's
     * seed and the next ones); a rate's score is its <em>worst</em> final training loss over those seeds, so a rate
     * at the edge of stability for some seed is not picked.
     */
    public static List<Choice> pick(Runner runner, List<RunSpec> templates, double[] grid, int steps, int seeds) {
        if (seeds < 1) throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        if (grid == null || grid.length == 0) throw new IllegalArgumentException("grid must hold at least one learning rate");
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        List<RunSpec> all = new ArrayList<>();
        for (RunSpec t : templates) {
            for (double lr : grid) for (int k = 0; k < seeds; k++) all.add(t.withLr(lr).with("lr-" + t.group(), steps, t.seed() + k));
        }
        List<RunResult> rs = runner.run(all);
        List<Choice> out = new ArrayList<>();
        for (int k = 0; k < templates.size(); k++) {
            double[] losses = new double[grid.length];
            int best = 0;
            for (int i = 0; i < grid.length; i++) {
                losses[i] = 0;
                for (int j = 0; j < seeds; j++) {
                    RunResult r = rs.get((k * grid.length + i) * seeds + j);
                    // a run that diverged (or was restarted at a smaller rate by FastTrainer) counts as diverged at this rate
                    boolean bad = r.status() == RunStatus.DIVERGED || r.lr() != grid[i] || !Double.isFinite(r.trainLoss());
                    losses[i] = Math.max(losses[i], bad ? Double.POSITIVE_INFINITY : r.trainLoss());
                }
                if (losses[i] < losses[best]) best = i;
            }
            out.add(new Choice(templates.get(k), grid[best], grid.clone(), losses));
        }
        return out;
    }
}

package org.lowrank.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lowrank.optim.LrSearch;

/**
 * The per-configuration learning-rate sweep on the fast path (docs/reproduction-notes.md pitfall 10: deep products
 * change the effective step size). Each template is trained briefly ({@code steps}) at every rate of a grid on its own
 * seed (and the next ones); a rate's score is its <em>worst</em> final training loss over those seeds, a run that
 * diverged (or that {@link FastTrainer} restarted at a smaller rate) counting as diverged. The choice, the grid
 * extension at an edge and the failure when every rate diverges are {@link LrSearch}'s rule, the same one the CNN
 * sweep uses. Sweep runs go through the same {@link Runner} (group {@code lr-<group>}), so they are logged, run in
 * parallel and resumable.
 */
public final class LrSweep {
    private LrSweep() {}

    /**
     * The choice for one template.
     *
     * @param template the run the rate was chosen for
     * @param lr       the chosen rate
     * @param grid     every rate tried (the grid and its extensions), ascending
     * @param losses   score per rate of {@code grid}: worst final training loss over the sweep seeds (+∞ when diverged)
     * @param search   the search behind the choice (edge verdict, extensions)
     */
    public record Choice(RunSpec template, double lr, double[] grid, double[] losses, LrSearch.Result search) {
        /** One line: the rates with their scores, the choice in brackets, and the edge / extension note if any. */
        public String describe() {
            StringBuilder sb = new StringBuilder(label(template) + ": ");
            for (int i = 0; i < grid.length; i++) {
                sb.append(String.format(Locale.ROOT, "%s%.3g→%.3g%s ", grid[i] == lr ? "[" : "", grid[i], losses[i],
                        grid[i] == lr ? "]" : ""));
            }
            String note = search.note();
            return (sb.toString().trim() + (note.isEmpty() ? "" : "  (" + note + ")"));
        }

        /** Whether the chosen rate has a worse or diverged rate tried on each side. */
        public boolean interior() { return search.interior(); }
    }

    /**
     * A choice and the full runs trained with it.
     *
     * @param choice the sweep's choice
     * @param runs   the runs made from it (their {@link RunResult#lr()} is the rate actually used)
     */
    public record Tuned(Choice choice, List<RunResult> runs) {
        /** Copies. */
        public Tuned {
            runs = List.copyOf(runs);
        }

        /**
         * One line: the configuration, the chosen rate, and the rates the runs actually used (lower where
         * {@link FastTrainer} halved a diverging run), with how many runs used each.
         */
        public String ratesUsed() {
            Map<Double, Long> used = runs.stream().collect(Collectors.groupingBy(RunResult::lr, LinkedHashMap::new, Collectors.counting()));
            String u = used.entrySet().stream().sorted(Map.Entry.<Double, Long>comparingByKey().reversed())
                    .map(e -> String.format(Locale.ROOT, "%.3g ×%d", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
            long halved = runs.stream().filter(r -> r.lr() < choice.lr()).count();
            return String.format(Locale.ROOT, "%s: chosen %.3g%s; used %s%s", label(choice.template()), choice.lr(),
                    choice.interior() ? "" : " (" + choice.search().note() + ")", u,
                    halved == 0 ? "" : " (" + halved + " of " + runs.size() + " halved after diverging)");
        }

        /** All runs of {@code tuned}, in order. */
        public static List<RunResult> all(List<Tuned> tuned) {
            return tuned.stream().flatMap(t -> t.runs().stream()).toList();
        }
    }

    /** "optimizer d=.. activation init r=..": the configuration a template stands for (the activation by its name, LINEAR omitted). */
    public static String label(RunSpec t) {
        return t.optimizer().name() + " d=" + t.net().depth() + (t.net().activation().name().equals("LINEAR") ? "" : " " + t.net().activation().name())
                + " " + t.net().init() + " r=" + t.task().rank();
    }

    /** Sweeps every template over {@code grid} with {@code steps} iterations each, on the template's seed. */
    public static List<Choice> pick(Runner runner, List<RunSpec> templates, double[] grid, int steps) {
        return pick(runner, templates, grid, steps, 1);
    }

    /**
     * Sweeps every template over {@code grid} with {@code steps} iterations on {@code seeds} seeds (the template's
     * seed and the next ones), extending the grid at most {@value LrSearch#DEFAULT_EXTENSIONS} times.
     */
    public static List<Choice> pick(Runner runner, List<RunSpec> templates, double[] grid, int steps, int seeds) {
        return pick(runner, templates, grid, steps, seeds, LrSearch.DEFAULT_EXTENSIONS);
    }

    /**
     * Sweeps every template over {@code grid} (at least two rates) with {@code steps} iterations on {@code seeds}
     * seeds (the template's seed and the next ones); a rate's score is its worst final training loss over those
     * seeds, so a rate at the edge of stability for some seed is not picked. A best rate at an edge of the rates
     * tried extends the grid geometrically, at most {@code maxExtensions} times per template ({@link LrSearch}).
     *
     * @throws LrSearch.AllDivergedException if every rate tried for some template diverged
     */
    public static List<Choice> pick(Runner runner, List<RunSpec> templates, double[] grid, int steps, int seeds, int maxExtensions) {
        if (seeds < 1) throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (templates == null || templates.isEmpty()) throw new IllegalArgumentException("templates must be non-empty");
        List<String> names = templates.stream().map(LrSweep::label).toList();
        LrSearch.BatchScorer scorer = probes -> {
            List<RunSpec> all = new ArrayList<>();
            for (LrSearch.Probe p : probes) {
                RunSpec t = templates.get(p.configuration());
                for (int k = 0; k < seeds; k++) all.add(t.withLr(p.lr()).with("lr-" + t.group(), steps, t.seed() + k));
            }
            List<RunResult> rs = runner.run(all);
            double[] scores = new double[probes.size()];
            for (int i = 0; i < probes.size(); i++) {
                double lr = probes.get(i).lr();
                for (int j = 0; j < seeds; j++) {
                    RunResult r = rs.get(i * seeds + j);
                    // a run that diverged (or was restarted at a smaller rate by FastTrainer) counts as diverged at this rate
                    boolean bad = r.status() == RunStatus.DIVERGED || r.lr() != lr || !Double.isFinite(r.trainLoss());
                    scores[i] = Math.max(scores[i], bad ? Double.POSITIVE_INFINITY : r.trainLoss());
                }
            }
            return scores;
        };
        List<LrSearch.Result> res = LrSearch.run(names, grid, maxExtensions, scorer);
        List<Choice> out = new ArrayList<>();
        for (int k = 0; k < templates.size(); k++) {
            LrSearch.Result r = res.get(k);
            out.add(new Choice(templates.get(k), r.lr(), r.rates(), r.scores(), r));
        }
        return out;
    }

    /**
     * Trains the full runs of every choice through {@code runner} in one parallel sweep; {@code runsOf} builds a
     * choice's runs (typically {@code c.template().withLr(c.lr()).with(group, steps, seed)} for each seed).
     *
     * @return one {@link Tuned} per choice, in order
     */
    public static List<Tuned> train(Runner runner, List<Choice> choices, Function<Choice, List<RunSpec>> runsOf) {
        List<RunSpec> all = new ArrayList<>();
        int[] counts = new int[choices.size()];
        for (int k = 0; k < choices.size(); k++) {
            List<RunSpec> s = runsOf.apply(choices.get(k));
            counts[k] = s.size();
            all.addAll(s);
        }
        List<RunResult> rs = runner.run(all);
        List<Tuned> out = new ArrayList<>();
        int o = 0;
        for (int k = 0; k < choices.size(); k++) {
            out.add(new Tuned(choices.get(k), rs.subList(o, o + counts[k])));
            o += counts[k];
        }
        return out;
    }

    /** {@link #train} with, for each choice, its template at the chosen rate in group {@code group} for {@code steps} on seeds 0..seeds-1. */
    public static List<Tuned> train(Runner runner, List<Choice> choices, String group, int steps, int seeds) {
        if (seeds < 1) throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        return train(runner, choices, c -> {
            List<RunSpec> s = new ArrayList<>();
            for (int seed = 0; seed < seeds; seed++) s.add(c.template().withLr(c.lr()).with(group, steps, seed));
            return s;
        });
    }
}

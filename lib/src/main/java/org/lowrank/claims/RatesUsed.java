package org.lowrank.claims;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.lowrank.experiment.RunResult;

/**
 * The learning rate a configuration's runs actually used: the fast path restarts a diverged run at half its rate
 * ({@code FastTrainer}), so the rate chosen by a sweep and the rate used can differ; notebooks print this.
 */
public final class RatesUsed {
    private RatesUsed() {}

    /**
     * {@code "3.00e-03"} when every run used the chosen rate, else e.g. {@code "3.00e-03 (2 of 5 runs halved to 1.50e-03)"}.
     *
     * @param runs   the runs of one configuration
     * @param chosen the rate they were started with
     */
    public static String describe(List<RunResult> runs, double chosen) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs is empty; allowed: >= 1 run");
        Map<Double, Integer> other = new TreeMap<>();
        for (RunResult r : runs) if (r.lr() != chosen) other.merge(r.lr(), 1, Integer::sum);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.2e", chosen));
        if (!other.isEmpty()) {
            sb.append(" (");
            boolean first = true;
            for (Map.Entry<Double, Integer> e : other.entrySet()) {
                if (!first) sb.append(", ");
                sb.append(String.format(Locale.ROOT, "%d of %d runs halved to %.2e", e.getValue(), runs.size(), e.getKey()));
                first = false;
            }
            sb.append(')');
        }
        return sb.toString();
    }
}

package org.lowrank.experiment;

import java.util.Locale;

/** How a run ended. Written to CSV files in lower case ({@code converged}, {@code budget}, {@code diverged}). */
public enum RunStatus {
    /** The training loss reached the tolerance. */
    CONVERGED,
    /** The step or evaluation budget ran out first. */
    BUDGET,
    /** The loss stopped being finite, exceeded the divergence bound, or spiked (see {@link FastTrainer}). */
    DIVERGED;

    /** The CSV spelling. */
    public String csv() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the CSV spelling (any case). */
    public static RunStatus parse(String s) {
        for (RunStatus r : values()) if (r.name().equalsIgnoreCase(s == null ? "" : s.trim())) return r;
        throw new IllegalArgumentException("status = '" + s + "'; allowed: converged, budget, diverged");
    }
}

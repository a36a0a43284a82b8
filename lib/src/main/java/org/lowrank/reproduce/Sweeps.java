package org.lowrank.reproduce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.lowrank.notebook.Scale;

/** The notebooks whose sweeps {@link Reproduce} runs, by number, at a scale read as the notebooks read it. */
public final class Sweeps {
    private Sweeps() {}

    private static final Map<String, Function<Scale, Sweep>> BY_NUMBER = new LinkedHashMap<>();
    /** Notebooks whose sweep exists only at {@link Scale#MEDIUM} (09: its paper scale needs a GPU). */
    private static final java.util.Set<String> MEDIUM_ONLY = java.util.Set.of("09");

    static {
        BY_NUMBER.put("01", RankLandscapeSweep::at);
        BY_NUMBER.put("02", RandomNetworksSweep::at);
        BY_NUMBER.put("03", RandomMatrixTheorySweep::at);
        BY_NUMBER.put("04", TrainedEmbeddingsSweep::at);
        BY_NUMBER.put("05", OptimizersSweep::at);
        BY_NUMBER.put("06", InitializationSweep::at);
        BY_NUMBER.put("07", LowRankTargetsSweep::at);
        BY_NUMBER.put("08", ExpandedLayersSweep::at);
        BY_NUMBER.put("09", OverparameterizedCnnsSweep::at);
    }

    /** The notebooks whose sweep is training runs (any {@code Runner.Engine}, e.g. Spark), e.g. {@code [04, 05, 06, 07]}. */
    public static java.util.List<String> trainingNotebooks() {
        return BY_NUMBER.keySet().stream().filter(n -> !MEDIUM_ONLY.contains(n) && BY_NUMBER.get(n).apply(Scale.QUICK) instanceof NotebookSweep).toList();
    }

    /** The notebook numbers that have a sweep, e.g. {@code [02, 04, 05, 06, 07]}. */
    public static java.util.Set<String> notebooks() {
        return java.util.Collections.unmodifiableSet(BY_NUMBER.keySet());
    }

    /**
     * The sweep of notebook {@code notebook} (its number, {@code 06}, or file name, {@code 06_initialization}) at
     * {@code scale}; errors name the argument {@code --notebook} and the notebooks allowed.
     */
    public static Sweep of(String notebook, Scale scale) {
        String number = notebook == null ? "" : notebook.trim();
        if (number.length() > 2 && number.charAt(2) == '_') number = number.substring(0, 2);
        Function<Scale, Sweep> f = BY_NUMBER.get(number);
        if (f == null) {
            throw new IllegalArgumentException("--notebook '" + notebook + "' has no sweep; allowed: " + String.join(", ", BY_NUMBER.keySet()));
        }
        if ((scale == Scale.MEDIUM) != MEDIUM_ONLY.contains(number)) {
            throw new IllegalArgumentException("--scale " + scale + " --notebook " + number + ": notebook " + number
                    + (MEDIUM_ONLY.contains(number) ? " has only a medium-scale sweep (allowed: --scale medium)"
                    : " has no medium scale (allowed: --scale quick or paper; medium: notebooks " + String.join(", ", new java.util.TreeSet<>(MEDIUM_ONLY)) + ")"));
        }
        Sweep sweep = f.apply(scale);
        if (notebook.trim().length() > 2 && !notebook.trim().equals(sweep.notebook())) {
            throw new IllegalArgumentException("--notebook '" + notebook + "' is not a notebook; allowed: " + String.join(", ", BY_NUMBER.keySet())
                    + " (or " + sweep.notebook() + ")");
        }
        return sweep;
    }

    /**
     * {@code quick}, {@code medium} or {@code paper} (any case); errors name the argument {@code --scale} and the
     * scales allowed. Medium exists for notebook 09 only ({@link #of}).
     */
    public static Scale scale(String value) {
        try {
            if (value != null && !value.isBlank()) return Scale.parseAny(value);
        } catch (IllegalArgumentException e) {
            // named below with the argument
        }
        throw new IllegalArgumentException("--scale '" + value + "' is not a scale; allowed: quick, medium, paper");
    }
}

package org.lowrank.notebook;

import java.util.Locale;

/**
 * How big a notebook's experiments are. Read once, in each notebook's first cell, from the
 * environment variable {@value #ENV}: {@code quick} (default; minutes on a 2-core CPU) or {@code paper}
 * (the paper's sizes; hours, a GPU for the image experiments).
 *
 * <p>{@link #MEDIUM} is a results-only scale: committed results between the two, for an experiment whose paper
 * scale needs a GPU (notebook 09's CNNs: {@code make reproduce SCALE=medium NOTEBOOKS=09}, {@code docs/scale.md}).
 * Notebooks never run live at it: {@value #ENV} accepts only {@code quick} and {@code paper}, and {@link #pick}
 * refuses it; {@link #parseAny} reads it ({@code Reproduce --scale medium} goes through it), and
 * {@code Claims.at(Scale.MEDIUM)} tags the checks of those committed results {@code @medium}.
 */
public enum Scale {
    QUICK, MEDIUM, PAPER;

    /** Environment variable that selects the scale. */
    public static final String ENV = "LOWRANK_SCALE";

    /** The scale named by {@value #ENV}, QUICK when it is unset or empty. */
    public static Scale fromEnvironment() {
        return parse(System.getenv(ENV));
    }

    /** Parses a scale name ({@code quick} or {@code paper}, any case); null or blank means QUICK. */
    public static Scale parse(String value) {
        if (value == null || value.isBlank()) return QUICK;
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "quick": return QUICK;
            case "paper": return PAPER;
            default:
                throw new IllegalArgumentException(ENV + " must be 'quick' or 'paper', got '" + value + "'");
        }
    }

    /**
     * Parses any scale name, {@code medium} included ({@code quick}, {@code medium} or {@code paper}, any case);
     * null or blank means QUICK. For tools that read committed results or write them ({@code Reproduce}).
     */
    public static Scale parseAny(String value) {
        if (value != null && value.trim().equalsIgnoreCase("medium")) return MEDIUM;
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scale must be 'quick', 'medium' or 'paper', got '" + value + "'");
        }
    }

    /**
     * {@code quick} at QUICK scale, {@code paper} at PAPER scale.
     *
     * @throws IllegalStateException at MEDIUM, which has no live sizes (a results-only scale)
     */
    public <T> T pick(T quick, T paper) {
        return live() ? quick : paper;
    }

    /** {@code quick} at QUICK scale, {@code paper} at PAPER scale; refuses MEDIUM like {@link #pick(Object, Object)}. */
    public int pick(int quick, int paper) {
        return live() ? quick : paper;
    }

    /** {@code quick} at QUICK scale, {@code paper} at PAPER scale; refuses MEDIUM like {@link #pick(Object, Object)}. */
    public double pick(double quick, double paper) {
        return live() ? quick : paper;
    }

    /** True at QUICK, false at PAPER; MEDIUM has no quick/paper choice. */
    private boolean live() {
        if (this == MEDIUM) {
            throw new IllegalStateException("scale medium is results-only (committed results, e.g. notebook 09's); it has no quick/paper sizes to pick");
        }
        return this == QUICK;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

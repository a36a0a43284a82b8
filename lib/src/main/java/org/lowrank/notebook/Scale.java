package org.lowrank.notebook;

import java.util.Locale;

/**
 * How big a notebook's experiments are. Read once, in each notebook's first cell, from the
 * environment variable {@value #ENV}: {@code quick} (default; minutes on a 2-core CPU) or {@code paper}
 * (the paper's sizes; hours, a GPU for the image experiments).
 */
public enum Scale {
    QUICK, PAPER;

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

    /** {@code quick} at QUICK scale, {@code paper} at PAPER scale. */
    public <T> T pick(T quick, T paper) {
        return this == QUICK ? quick : paper;
    }

    /** {@code quick} at QUICK scale, {@code paper} at PAPER scale. */
    public int pick(int quick, int paper) {
        return this == QUICK ? quick : paper;
    }

    /** {@code quick} at QUICK scale, {@code paper} at PAPER scale. */
    public double pick(double quick, double paper) {
        return this == QUICK ? quick : paper;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.lowrank.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How the harness reports progress.
 * <ul>
 *   <li>{@link #IN_PLACE}: one line rewritten with {@code \r} (terminals), at most once a second;</li>
 *   <li>{@link #NOTEBOOK}: the same line for Jupyter (front-ends render {@code \r} in stream output as an
 *       in-place update), at most once every 10 s: a headless run saves <em>every</em> update as an output
 *       of the .ipynb, so frequent updates bloat a committed notebook;</li>
 *   <li>{@link #LINES}: a plain log line every {@code logEvery} iterations (files, CI, front-ends that do not
 *       handle {@code \r});</li>
 *   <li>{@link #NONE}: only the per-epoch lines.</li>
 * </ul>
 * In both in-place modes the epoch summary overwrites the progress line (no separate epoch-end update).
 * {@link #auto()} reads {@code LOWRANK_PROGRESS} (inplace|notebook|lines|none), else picks IN_PLACE on a console
 * and LINES otherwise.
 */
public enum Progress {
    /** One line updated in place with carriage returns, at most once a second. */
    IN_PLACE,
    /** One line updated in place, at most once every 10 s (notebooks: every update is saved in the .ipynb). */
    NOTEBOOK,
    /** A log line every N iterations. */
    LINES,
    /** Epoch summaries only. */
    NONE;

    /** Environment variable overriding the automatic choice. */
    public static final String ENV = "LOWRANK_PROGRESS";

    /** The mode from {@value #ENV}, else IN_PLACE on a console, else LINES. */
    public static Progress auto() {
        String v = System.getenv(ENV);
        if (v != null && !v.isBlank()) {
            switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "inplace", "in_place" -> { return IN_PLACE; }
                case "notebook" -> { return NOTEBOOK; }
                case "lines" -> { return LINES; }
                case "none" -> { return NONE; }
                default -> throw new IllegalArgumentException(ENV + " = '" + v + "', allowed inplace, notebook, lines, none");
            }
        }
        return System.console() != null ? IN_PLACE : LINES;
    }

    /** Whether progress is one line rewritten in place. */
    boolean inPlace() { return this == IN_PLACE || this == NOTEBOOK; }

    /** Minimum time between two in-place updates. */
    long intervalMillis() { return this == NOTEBOOK ? 10_000 : 1_000; }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "?";
        long s = Math.round(seconds);
        if (s >= 3600) return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return s + "s";
    }

    /** Prints progress for one run. */
    static final class Printer {
        private final Progress mode;
        private final PrintStream out;
        private final long intervalMillis;
        private final int logEvery;
        private long lastPrint = 0;
        private int lastLength = 0;

        Printer(Progress mode, PrintStream out, long intervalMillis, int logEvery) {
            this.mode = mode;
            this.out = out;
            this.intervalMillis = intervalMillis;
            this.logEvery = logEvery;
        }

        /**
         * An iteration update; {@code force} marks the last iteration of an epoch, which LINES always logs and the
         * in-place modes skip (the epoch summary that follows overwrites the line).
         */
        void iteration(String line, int iteration, boolean force) {
            if (mode.inPlace()) {
                if (force) return;
                long now = System.currentTimeMillis();
                if (lastPrint != 0 && now - lastPrint < intervalMillis) return; // the run's first update always shows
                lastPrint = now;
                out.print("\r" + line + pad(line));
                out.flush();
                lastLength = line.length();
            } else if (mode == LINES && (force || iteration % logEvery == 0)) {
                out.println(line);
                out.flush();
            }
        }

        private String pad(String line) {
            return line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        }

        /** A permanent line (epoch summary, messages): ends the in-place line first. */
        void line(String line) {
            if (mode.inPlace() && lastLength > 0) {
                // One write that overwrites the progress line (fewer, smaller outputs in a saved notebook).
                out.println("\r" + line + pad(line));
                lastLength = 0;
            } else {
                out.println(line);
            }
            out.flush();
        }
    }
}

package org.lowrank.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How the harness reports progress.
 * <ul>
 *   <li>{@link #IN_PLACE}: one line rewritten with {@code \r} (terminals), at most once a second;</li>
 *   <li>{@link #NOTEBOOK}: one line per run, its result after the last epoch (plus messages such as a divergence
 *       stop or a resume). A notebook saves every stream write as an output of the .ipynb, {@code \r} updates
 *       included, so anything printed during a run would stay in the committed notebook; the per-epoch numbers
 *       are in the run's history instead;</li>
 *   <li>{@link #LINES}: a plain log line every {@code logEvery} iterations (files, CI, front-ends that do not
 *       handle {@code \r});</li>
 *   <li>{@link #NONE}: only the per-epoch lines.</li>
 * </ul>
 * In {@link #IN_PLACE} the epoch summary overwrites the progress line (no separate epoch-end update).
 * {@link #auto()} reads {@code LOWRANK_PROGRESS} (inplace|notebook|lines|none), else picks IN_PLACE on a console
 * and LINES otherwise.
 */
public enum Progress {
    /** One line updated in place with carriage returns, at most once a second. */
    IN_PLACE,
    /** One line per run, its result after the last epoch (notebooks: every write is saved in the .ipynb). */
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
    boolean inPlace() { return this == IN_PLACE; }

    /** Whether lines about intermediate steps (iterations, epochs before the last, sweep trials) are printed. */
    boolean showsSteps() { return this == IN_PLACE || this == LINES; }

    /** Minimum time between two in-place updates. */
    long intervalMillis() { return 1_000; }

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

        /**
         * An epoch summary {@code line}; {@link #NOTEBOOK} prints instead, after the {@code last} epoch only, the run's
         * one-line result {@code runSummary} (worded as a result, not as an "epoch N/M" progress line).
         */
        void epoch(String line, String runSummary, boolean last) {
            if (mode == NOTEBOOK) {
                if (last) line(runSummary);
                return;
            }
            line(line);
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

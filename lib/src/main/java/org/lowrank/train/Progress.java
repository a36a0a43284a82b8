package org.lowrank.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How the harness reports progress.
 * <ul>
 *   <li>{@link #IN_PLACE}: one line rewritten with {@code \r} (terminals; Jupyter front-ends render {@code \r}
 *       in stream output as an in-place update), at most once per {@code intervalMillis};</li>
 *   <li>{@link #LINES}: a plain log line every {@code logEvery} iterations (files, CI, front-ends that do not
 *       handle {@code \r});</li>
 *   <li>{@link #NONE}: only the per-epoch lines.</li>
 * </ul>
 * {@link #auto()} reads {@code LOWRANK_PROGRESS} (inplace|lines|none), else picks IN_PLACE on a console and
 * LINES otherwise.
 */
public enum Progress {
    /** One line updated in place with carriage returns. */
    IN_PLACE,
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
                case "lines" -> { return LINES; }
                case "none" -> { return NONE; }
                default -> throw new IllegalArgumentException(ENV + " = '" + v + "', allowed inplace, lines, none");
            }
        }
        return System.console() != null ? IN_PLACE : LINES;
    }

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

        void iteration(String line, int iteration, boolean force) {
            if (mode == IN_PLACE) {
                long now = System.currentTimeMillis();
                if (!force && now - lastPrint < intervalMillis) return;
                lastPrint = now;
                String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
                out.print("\r" + line + pad);
                out.flush();
                lastLength = line.length();
            } else if (mode == LINES && (force || iteration % logEvery == 0)) {
                out.println(line);
                out.flush();
            }
        }

        /** A permanent line (epoch summary, messages): ends the in-place line first. */
        void line(String line) {
            if (mode == IN_PLACE && lastLength > 0) {
                out.print("\r" + " ".repeat(lastLength) + "\r");
                lastLength = 0;
            }
            out.println(line);
            out.flush();
        }
    }
}

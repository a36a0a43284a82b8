package org.lowrank.notebook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Claim checks in notebooks. Each check prints one line the notebook runner counts:
 * {@code [CLAIM PASS] name: detail} or {@code [CLAIM FAIL] name: detail}; a failed check fails
 * {@code make test}. {@link #finding} prints {@code [FINDING] ...} for results that are reported,
 * not asserted (e.g. soft comparisons with the paper's read-off numbers).
 *
 * <p>The README's "what reproduces" table is generated from these lines
 * ({@code environment/run_notebooks.py --write-claims-table}): lines are grouped by notebook and by the paper's
 * claim label that starts the name ({@code C1}, {@code C2a}, {@code §7}: {@code "C1: low-rho region larger"});
 * a name without a label joins its notebook's unlabelled group. A finding about a statement that was tested
 * and does not hold is printed by {@link #finding(String, boolean, String)} with the marker
 * {@value #DOES_NOT_HOLD}, which the table counts.
 */
public final class Claims {
    /** Outcome of one check. */
    public record Result(String name, boolean passed, String detail) {}

    private static final List<Result> RESULTS = Collections.synchronizedList(new ArrayList<>());

    private Claims() {}

    /**
     * Records and prints a claim check. Returns nothing on purpose: as a cell's last statement it adds no
     * {@code true}/{@code false} output after the printed line.
     */
    public static void check(String name, boolean holds, String detail) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must be a non-empty claim name");
        Result r = new Result(name, holds, detail == null ? "" : detail);
        RESULTS.add(r);
        System.out.println((holds ? "[CLAIM PASS] " : "[CLAIM FAIL] ") + name + (r.detail().isEmpty() ? "" : ": " + r.detail()));
        System.out.flush();
    }

    /** The marker of a finding whose statement does not hold (read by the README's generated table). */
    public static final String DOES_NOT_HOLD = "DOES NOT HOLD";

    /** Prints a reported (not asserted) finding. */
    public static void finding(String name, String detail) {
        System.out.println("[FINDING] " + name + ": " + detail);
        System.out.flush();
    }

    /**
     * Prints a finding about a statement that was tested but is not asserted (a paper claim that does not reproduce
     * at this scale, a soft comparison): {@code [FINDING] name: holds: detail} or
     * {@code [FINDING] name: DOES NOT HOLD: detail}.
     */
    public static void finding(String name, boolean holds, String detail) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must be a non-empty finding name");
        finding(name, (holds ? "holds" : DOES_NOT_HOLD) + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    }

    /**
     * Checks and findings on a notebook's committed results of another scale (read from {@code results/}, not
     * computed live): their lines carry the scale after the tag, {@code [CLAIM PASS] @paper C5: ...},
     * {@code [FINDING] @paper C5: ...}, so the README's generated table gives each scale its own column.
     */
    public static AtScale at(Scale scale) {
        if (scale == null) throw new IllegalArgumentException("scale must be QUICK or PAPER, got null");
        return new AtScale(scale);
    }

    /** The checks of {@link #at(Scale)}: same rules as {@link #check} and {@link #finding}, lines tagged {@code @scale}. */
    public record AtScale(Scale scale) {
        /** The tag written after {@code [CLAIM PASS]} / {@code [FINDING]}: {@code @paper}. */
        public String tag() {
            return "@" + scale;
        }

        public void check(String name, boolean holds, String detail) {
            Claims.check(tag() + " " + requireName(name), holds, detail);
        }

        public void finding(String name, String detail) {
            Claims.finding(tag() + " " + requireName(name), detail);
        }

        public void finding(String name, boolean holds, String detail) {
            Claims.finding(tag() + " " + requireName(name), holds, detail);
        }

        private static String requireName(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("name must be a non-empty claim name");
            return name;
        }
    }

    /** All checks recorded in this JVM, in order. */
    public static List<Result> results() {
        synchronized (RESULTS) {
            return List.copyOf(RESULTS);
        }
    }

    /** One line: how many checks passed and failed so far. */
    public static String summary() {
        List<Result> all = results();
        long passed = all.stream().filter(Result::passed).count();
        return "Claim checks: " + passed + " passed, " + (all.size() - passed) + " failed";
    }
}

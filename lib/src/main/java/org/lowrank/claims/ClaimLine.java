package org.lowrank.claims;

import java.util.function.BiConsumer;

/**
 * One line a driver's analysis wants printed: an asserted check, a tested finding (holds / does not hold) or a reported
 * note. The drivers compute these; a notebook prints them through its claim printer ({@code notebook.Claims}, live or
 * tagged with another scale), which this package cannot see, by passing that printer's methods to {@link #to}.
 *
 * @param kind   check, finding or note
 * @param name   the line's name, starting with its claim label ({@code C5: ...})
 * @param holds  whether the statement holds (ignored for a note)
 * @param detail the numbers behind it
 */
public record ClaimLine(Kind kind, String name, boolean holds, String detail) {
    /** What a line is. */
    public enum Kind {
        /** Asserted: {@code [CLAIM PASS]} / {@code [CLAIM FAIL]}. */
        CHECK,
        /** Tested, not asserted: {@code [FINDING] name: holds} / {@code DOES NOT HOLD}. */
        FINDING,
        /** Reported numbers, nothing tested: {@code [FINDING] name: detail}. */
        NOTE
    }

    public ClaimLine {
        if (kind == null) throw new IllegalArgumentException("kind must not be null; allowed: CHECK, FINDING, NOTE");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must be a non-empty claim name, got '" + name + "'");
        if (detail == null) detail = "";
    }

    /** An asserted check. */
    public static ClaimLine check(String name, boolean holds, String detail) {
        return new ClaimLine(Kind.CHECK, name, holds, detail);
    }

    /** A tested, not asserted, statement. */
    public static ClaimLine finding(String name, boolean holds, String detail) {
        return new ClaimLine(Kind.FINDING, name, holds, detail);
    }

    /** Reported numbers. */
    public static ClaimLine note(String name, String detail) {
        return new ClaimLine(Kind.NOTE, name, true, detail);
    }

    /**
     * This line as a finding if it is a check (same name, outcome and detail), e.g. for results that are not complete
     * yet, on which nothing is asserted; findings and notes are returned unchanged.
     */
    public ClaimLine asFinding() {
        return kind == Kind.CHECK ? new ClaimLine(Kind.FINDING, name, holds, detail) : this;
    }

    /** A printer of checks or findings: (name, holds, detail). */
    @FunctionalInterface
    public interface Printer {
        void print(String name, boolean holds, String detail);
    }

    /**
     * Prints this line with the printer of its kind, e.g. {@code line.to(Claims::check, Claims::finding, Claims::finding)}
     * or, for committed results of another scale, {@code var p = Claims.at(Scale.PAPER); line.to(p::check, p::finding, p::finding)}.
     */
    public void to(Printer check, Printer finding, BiConsumer<String, String> note) {
        switch (kind) {
            case CHECK -> check.print(name, holds, detail);
            case FINDING -> finding.print(name, holds, detail);
            case NOTE -> note.accept(name, detail);
        }
    }
}

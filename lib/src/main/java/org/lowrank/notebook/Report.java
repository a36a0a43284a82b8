package org.lowrank.notebook;

import java.util.List;

import org.lowrank.claims.ReportLine;

/**
 * Prints a claim driver's {@link ReportLine}s: checks and findings through {@link Claims} (so they are counted and
 * land in the README's table), text as is. {@link #print(List)} is for a notebook's live numbers,
 * {@link #print(Claims.AtScale, List)} for its committed results of another scale ({@code [CLAIM PASS] @paper C1: ...}).
 */
public final class Report {
    private Report() {}

    /** Prints the lines of a live computation (untagged). */
    public static void print(List<ReportLine> lines) {
        print(null, lines);
    }

    /** Prints the lines of committed results of {@code at}'s scale (checks and findings tagged with it); null: untagged. */
    public static void print(Claims.AtScale at, List<ReportLine> lines) {
        if (lines == null) throw new IllegalArgumentException("lines must not be null");
        for (ReportLine l : lines) {
            switch (l.kind()) {
                case TEXT -> {
                    System.out.println(l.name());
                    System.out.flush();
                }
                case CHECK -> {
                    if (at == null) Claims.check(l.name(), l.holds(), l.detail());
                    else at.check(l.name(), l.holds(), l.detail());
                }
                case FINDING -> {
                    if (l.holds() == null) {
                        if (at == null) Claims.finding(l.name(), l.detail());
                        else at.finding(l.name(), l.detail());
                    } else if (at == null) {
                        Claims.finding(l.name(), l.holds(), l.detail());
                    } else {
                        at.finding(l.name(), l.holds(), l.detail());
                    }
                }
            }
        }
    }
}

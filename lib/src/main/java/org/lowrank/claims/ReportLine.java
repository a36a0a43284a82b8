package org.lowrank.claims;

/**
 * One line of a claim driver's report, in the order a notebook prints it: plain text (a table of p-values), an
 * asserted check, or a finding (reported, not asserted; tested ones say whether their statement holds). A driver
 * returns these so that the same rule judges a notebook's live numbers and its committed results of another scale;
 * {@code org.lowrank.notebook.Report} prints them through {@code Claims}, untagged or tagged with the scale.
 *
 * @param kind   what the line is
 * @param name   the check's or finding's name, starting with its claim label ({@code C2a: ...}); the text for TEXT
 * @param holds  the verdict of a check or a tested finding; null for TEXT and for an untested finding
 * @param detail the numbers behind the verdict ("" for none)
 */
public record ReportLine(Kind kind, String name, Boolean holds, String detail) {
    /** What a line is. */
    public enum Kind { TEXT, CHECK, FINDING }

    public ReportLine {
        if (kind == null) throw new IllegalArgumentException("kind must be TEXT, CHECK or FINDING, got null");
        if (name == null || (kind != Kind.TEXT && name.isBlank()))
            throw new IllegalArgumentException("name must be non-empty for a " + kind + ", got '" + name + "'");
        if (kind == Kind.CHECK && holds == null) throw new IllegalArgumentException("a CHECK needs holds (true or false), got null");
        if (kind == Kind.TEXT && holds != null) throw new IllegalArgumentException("TEXT has no verdict, got holds = " + holds);
        detail = detail == null ? "" : detail;
    }

    /** Plain text, printed as is. */
    public static ReportLine text(String text) {
        return new ReportLine(Kind.TEXT, text, null, "");
    }

    /** An asserted check. */
    public static ReportLine check(String name, boolean holds, String detail) {
        return new ReportLine(Kind.CHECK, name, holds, detail);
    }

    /** A finding that reports numbers without testing a statement. */
    public static ReportLine finding(String name, String detail) {
        return new ReportLine(Kind.FINDING, name, null, detail);
    }

    /** A finding about a statement that was tested but is not asserted. */
    public static ReportLine finding(String name, boolean holds, String detail) {
        return new ReportLine(Kind.FINDING, name, holds, detail);
    }

    /**
     * This line as a finding if it is a check (same name, verdict and detail), for results that are not complete yet,
     * on which nothing is asserted; text and findings are returned unchanged.
     */
    public ReportLine asFinding() {
        return kind == Kind.CHECK ? new ReportLine(Kind.FINDING, name, holds, detail) : this;
    }
}

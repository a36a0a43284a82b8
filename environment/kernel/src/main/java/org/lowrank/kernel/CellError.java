package org.lowrank.kernel;

import java.util.List;

/**
 * A failed cell, as Jupyter reports it: {@code ename}, {@code evalue} and traceback lines (plain text, no ANSI
 * colours, so that notebooks read well as files and in CI logs).
 */
public final class CellError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    /** An error with the given Jupyter name, value and traceback lines. */
    public CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue == null ? "" : evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** Jupyter's {@code ename}: the exception class, or {@code CompilationException}. */
    public String ename() {
        return ename;
    }

    /** Jupyter's {@code evalue}: the message. */
    public String evalue() {
        return evalue;
    }

    /** Jupyter's {@code traceback}: one entry per line. */
    public List<String> traceback() {
        return traceback;
    }
}

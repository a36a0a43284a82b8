package org.lowrank.kernel;

/**
 * What instrumented cell code calls (see {@link CellInstrumentation}): the interrupt check placed at every
 * method entry and loop back-edge, and the replacements of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt}. Public because the classes of cells, defined by JShell's class loader, call it.
 */
public final class CellGuards {
    private static volatile boolean stopRequested;

    private CellGuards() {}

    /** Thrown in cell code when the kernel is interrupted; an {@link Error} so {@code catch (Exception e)} lets it pass. */
    public static final class CellInterrupted extends Error {
        private static final long serialVersionUID = 1L;

        CellInterrupted() {
            super("the cell was interrupted", null, false, false);
        }
    }

    /** Asks running cell code to stop at its next check. */
    static void requestStop() {
        stopRequested = true;
    }

    /** Lets cell code run again (called before each snippet). */
    static void clearStop() {
        stopRequested = false;
    }

    /** Inserted at method entries and loop back-edges of cell code. */
    public static void stopCheck() {
        if (stopRequested) {
            throw new CellInterrupted();
        }
    }

    /** Replaces {@code System.exit(status)} in cell code. */
    public static void exit(int status) {
        throw refused("System.exit(" + status + ")");
    }

    /** Replaces {@code runtime.exit(status)} in cell code. */
    public static void exit(Runtime runtime, int status) {
        throw refused("Runtime.exit(" + status + ")");
    }

    /** Replaces {@code runtime.halt(status)} in cell code. */
    public static void halt(Runtime runtime, int status) {
        throw refused("Runtime.halt(" + status + ")");
    }

    private static SecurityException refused(String call) {
        return new SecurityException(call + " was blocked: it would end the notebook's kernel."
                + " Use Jupyter's restart to restart the kernel.");
    }
}

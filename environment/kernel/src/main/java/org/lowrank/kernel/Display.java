package org.lowrank.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Notebook functions, imported statically into every session ({@code import static
 * org.lowrank.kernel.Display.*}) so cells call them without imports. Same names and signatures as IJava's
 * {@code io.github.spencerpark.ijava.runtime.Display} and JJava's statics, so notebooks run unchanged there.
 */
public final class Display {
    private Display() {}

    /** The MIME bundle of {@code o} in its preferred types (e.g. {@code image/png} for an image or chart). */
    public static DisplayData render(Object o) {
        return JavaKernel.current().renderValue(o);
    }

    /** The MIME bundle of {@code o} in the given MIME types, e.g. {@code render(html, "text/html")}. */
    public static DisplayData render(Object o, String... as) {
        return JavaKernel.current().renderValue(o, as);
    }

    /** Shows {@code o} now (a {@code display_data} message) and returns its display id. */
    public static String display(Object o) {
        return JavaKernel.current().displayValue(o);
    }

    /** Shows {@code o} now in the given MIME types and returns its display id. */
    public static String display(Object o, String... as) {
        return JavaKernel.current().displayValue(o, as);
    }

    /** Replaces what display id {@code id} shows by {@code o}. */
    public static void updateDisplay(String id, Object o) {
        JavaKernel.current().updateDisplayValue(id, o);
    }

    /** Replaces what display id {@code id} shows by {@code o} in the given MIME types. */
    public static void updateDisplay(String id, Object o, String... as) {
        JavaKernel.current().updateDisplayValue(id, o, as);
    }

    /** Clears the cell's output now (not in IJava; JJava and IPython have it). */
    public static void clearOutput() {
        JavaKernel.current().clearOutput(false);
    }

    /** Clears the cell's output, when {@code wait}, only once new output arrives (smooth animations). */
    public static void clearOutput(boolean wait) {
        JavaKernel.current().clearOutput(wait);
    }

    /**
     * Asks the user for one line of text (an input box under the cell, with {@code prompt} beside it) and
     * returns it; {@code System.in} and {@code new Scanner(System.in)} read the same way, without a prompt.
     * Throws {@link IllegalStateException} where the frontend does not accept input (headless runs).
     */
    public static String readLine(String prompt) {
        return JavaKernel.current().readLine(prompt);
    }
}

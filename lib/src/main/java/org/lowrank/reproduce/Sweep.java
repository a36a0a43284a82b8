package org.lowrank.reproduce;

/** A notebook's experiments as a program: training runs ({@link NotebookSweep}) or random draws ({@link DrawSweep}). */
public interface Sweep {
    /** The notebook's file name without extension, e.g. {@code 06_initialization}. */
    String notebook();
}

package org.lowrank.reproduce;

import java.util.List;
import java.util.function.Supplier;

/**
 * A notebook whose experiments are random draws rather than training runs (notebooks 01–03; 08 keeps one trained
 * model per cell): a list of cells, each a
 * seeded computation of many values (e.g. ρ of 5,000 random products of one depth). {@link Reproduce} computes the
 * cells into {@code draws.csv}, one line per cell, resumably and by shards, as it does runs.
 */
public interface DrawSweep extends Sweep {
    /**
     * One cell: its values depend only on the cell (seeded), so any process computes the same ones.
     *
     * @param key    unique, comma-free name, e.g. {@code c2a|NORMAL|d=4}
     * @param values computes the values
     */
    record Cell(String key, Supplier<double[]> values) {
        public Cell {
            if (key == null || key.isBlank() || key.contains(",") || key.contains("\\n")) {
                throw new IllegalArgumentException("cell key must be non-empty without commas or newlines, got '" + key + "'");
            }
            if (values == null) throw new IllegalArgumentException("cell " + key + ": values must not be null");
        }
    }

    /** The cells, in the notebook's order (for a {@link #staged} sweep: those known before any has run). */
    List<Cell> cells();

    /**
     * The cells known once the cells in {@code done} have values, in the notebook's order, the done ones included:
     * a staged sweep (e.g. notebook 08, which chooses its learning rates on trial cells before it trains its models)
     * adds cells as the values they depend on arrive. {@link Reproduce} runs the missing ones, then asks again, until
     * nothing is missing. Default: {@link #cells()}.
     */
    default List<Cell> cells(java.util.Map<String, double[]> done) {
        return cells();
    }

    /** Whether {@link #cells(java.util.Map)} depends on values (such a sweep runs whole: no shards). */
    default boolean staged() {
        return false;
    }
}

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

    /** The cells, in the notebook's order. */
    List<Cell> cells();
}

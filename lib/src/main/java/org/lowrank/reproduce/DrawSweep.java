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

    /** The cells, in the notebook's order (a {@link #staged} sweep: its first stage). */
    List<Cell> cells();

    /**
     * The cells given the ones already computed ({@code done}, by key): all of them for a sweep whose cells are
     * independent (the default, {@link #cells()}). A {@link #staged} sweep, whose later cells depend on earlier cells'
     * values (notebook 09: models trained at the rates its sweep's trials chose), returns the cells it can define so
     * far, the done ones included; {@link Reproduce} computes the missing ones and asks again until no cell is missing.
     */
    default List<Cell> cells(java.util.Map<String, double[]> done) {
        return cells();
    }

    /** Whether later cells depend on earlier ones ({@link #cells(java.util.Map)}); such a sweep runs whole, not in shards. */
    default boolean staged() {
        return false;
    }
}

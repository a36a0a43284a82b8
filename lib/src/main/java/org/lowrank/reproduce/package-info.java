/**
 * The notebooks' sweeps as programs: each {@link org.lowrank.reproduce.NotebookSweep} trains the runs of one notebook
 * (the same specs, seeds and learning-rate sweeps as its cells, at a {@link org.lowrank.notebook.Scale}), and
 * {@link org.lowrank.reproduce.Reproduce} runs one resumably into {@code results/<scale>/<notebook>/} with provenance,
 * whole, as a shard, as the merge of shards, or on another engine (the Spark module). Top of the layering: it uses
 * the drivers ({@code claims}) and {@code notebook.Scale}; nothing in the lib uses it.
 */
package org.lowrank.reproduce;

/**
 * Expanded (linearly over-parameterized) DL4J layers that train as a product of linear maps and collapse exactly to
 * one layer (docs/reproduction-notes.md §2.4–2.6, §4; the official PyTorch library {@code overparam}).
 *
 * <ul>
 *   <li>{@link org.lowrank.expand.ExpandedDense}, {@link org.lowrank.expand.ExpandedConv2D}: one logical layer each
 *       in {@code MultiLayerNetwork} / {@code ComputationGraph}; official init; batch norm; residual edges.</li>
 *   <li>{@link org.lowrank.expand.Collapse}: pure INDArray collapse functions and
 *       {@code Collapse.collapse(network)} → a plain DL4J network with the same outputs.</li>
 *   <li>{@link org.lowrank.expand.Expand}: expand a configuration (fresh official init) or a trained network
 *       (function-preserving balanced factors), with {@link org.lowrank.expand.ExpandOptions} to choose layers.</li>
 * </ul>
 *
 * <pre>{@code
 * MultiLayerNetwork big = new MultiLayerNetwork(Expand.expand(plainConf, ExpandOptions.of(4, 1.0)));
 * big.init();            // official init
 * big.fit(train);        // trains the factors
 * MultiLayerNetwork small = Collapse.collapse(big);   // original architecture, same function
 * }</pre>
 */
package org.lowrank.expand;

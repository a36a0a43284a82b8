/**
 * Per-notebook drivers and the statistics behind claim checks: the layer between the experiments
 * ({@code experiment}, {@code train}) and the presentation ({@code notebook}, {@code plot}). A notebook cell holds
 * configuration, one call into this package and its table / plot / claim lines; loops, rules and tests live here.
 */
package org.lowrank.claims;

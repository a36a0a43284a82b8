/**
 * The ND4J backend in use (CPU {@code nd4j-native} or CUDA via the Maven profile {@code -Pcuda}) and why CUDA could
 * not start, with the CPU fallback ({@link org.lowrank.backend.Backend}; docs/gpu.md).
 */
package org.lowrank.backend;

package org.lowrank.random;

/** Test fixture for {@code ArchitectureTest}: half of a package cycle optim ↔ random. */
public final class CycleFixtureB {
    org.lowrank.optim.CycleFixtureA other;
}

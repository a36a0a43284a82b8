package org.lowrank.optim;

/** Test fixture for {@code ArchitectureTest}: half of a package cycle optim ↔ random. */
public final class CycleFixtureA {
    org.lowrank.random.CycleFixtureB other;
}

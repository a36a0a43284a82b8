package org.lowrank.rank;

import org.lowrank.claims.ComparisonTable;

/** Test fixture for {@code ArchitectureTest}: a rank-layer class that uses the notebook layer (not allowed). */
public final class UpwardImportFixture {
    ComparisonTable table() { return new ComparisonTable("t", "a"); }
}

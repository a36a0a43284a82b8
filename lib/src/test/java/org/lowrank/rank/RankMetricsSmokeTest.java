package org.lowrank.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RankMetricsSmokeTest {
    @Test
    void identityHasRankLnN() {
        assertEquals(Math.log(5), RankMetrics.effectiveRank(Nd4j.eye(5)), 1e-12);
    }

    @Test
    void gramRankOfOrthonormalRowsIsLnN() {
        // 4 orthonormal embeddings: K = I, rho(K) = ln 4
        assertEquals(Math.log(4), RankMetrics.gramEffectiveRank(Nd4j.eye(4).mul(3.0), true), 1e-12);
    }
}

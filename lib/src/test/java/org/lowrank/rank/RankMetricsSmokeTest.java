package org.lowrank.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RankMetricsSmokeTest {
    @Test
    void identityHasRankLnN() {
        assertEquals(Math.log(5), RankMetrics.effectiveRank(Nd4j.eye(5)), 1e-12);
    }
}

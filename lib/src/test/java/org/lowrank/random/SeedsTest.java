package org.lowrank.random;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void deterministicAndDecorrelated() {
        assertEquals(Seeds.derive(3, Seeds.TASK), Seeds.derive(3, Seeds.TASK));
        Set<Long> seen = new HashSet<>();
        for (long s = 0; s < 100; s++) for (long k = 0; k < 10; k++) seen.add(Seeds.derive(s, k));
        assertEquals(1000, seen.size(), "no collisions between nearby seeds and streams");
        assertNotEquals(Seeds.derive(1, Seeds.TASK), Seeds.derive(1, Seeds.NET_INIT));
        // SplitMix64's published first output for state 0x9E3779B97F4A7C15 (seed 0 plus one golden-ratio step)
        assertEquals(0xE220A8397B1DCDAFL, Seeds.derive(0, 0x9E3779B97F4A7C15L - 0x632BE59BD9B4E019L));
    }
}

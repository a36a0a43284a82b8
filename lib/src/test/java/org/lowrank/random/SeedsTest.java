package org.lowrank.random;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void deterministicAndDecorrelated() {
        assertEquals(Seeds.derive(3, 7), Seeds.derive(3, 7));
        Set<Long> seen = new HashSet<>();
        for (long s = 0; s < 100; s++) for (long k = 0; k < 10; k++) seen.add(Seeds.derive(s, k));
        assertEquals(1000, seen.size(), "no collisions between nearby seeds and streams");
        assertNotEquals(Seeds.derive(1, 0), Seeds.derive(1, 1));
        // the fast path's derivations, as the committed notebook results were produced
        assertEquals(3 * 0x9E3779B97F4A7C15L + 12345, Seeds.task(3));
        assertEquals(3 * 7919L + 1, Seeds.netInit(3));
        // SplitMix64's published first output for state 0x9E3779B97F4A7C15 (seed 0 plus one golden-ratio step)
        assertEquals(0xE220A8397B1DCDAFL, Seeds.derive(0, 0x9E3779B97F4A7C15L - 0x632BE59BD9B4E019L));
    }
}

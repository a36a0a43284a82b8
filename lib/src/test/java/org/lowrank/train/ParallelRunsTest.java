package org.lowrank.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ParallelRuns}: results and printed output in input order, one native thread inside, limits restored. */
class ParallelRunsTest {

    @Test
    void resultsAndOutputComeInInputOrderWhateverFinishesFirst() {
        List<Integer> in = IntStream.range(0, 6).boxed().toList();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        List<Integer> res = ParallelRuns.map(in, 3, out, (Integer i, PrintStream ps) -> {
            Thread.sleep(10L * (6 - i));   // later inputs finish first
            ps.println("task " + i);
            return i * i;
        });
        assertEquals(List.of(0, 1, 4, 9, 16, 25), res);
        assertEquals("task 0\ntask 1\ntask 2\ntask 3\ntask 4\ntask 5\n", buf.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    @Test
    void tasksRunWithOneNativeThreadAndTheLimitsAreRestored() {
        int before = Nd4j.getEnvironment().maxThreads(), blasBefore = Nd4j.factory().blas().getMaxThreads();
        List<int[]> seen = ParallelRuns.map(List.of(1, 2), 2, (Integer i) ->
                new int[]{Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads()});
        for (int[] s : seen) assertArrayEquals(new int[]{1, 1}, s);
        assertEquals(before, Nd4j.getEnvironment().maxThreads());
        assertEquals(blasBefore, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void aFailingTaskFailsTheCallWithItsExceptionAndRestoresTheLimits() {
        int before = Nd4j.getEnvironment().maxThreads();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParallelRuns.map(List.of(1, 2, 3), 2, (Integer i) -> {
            if (i == 2) throw new IllegalStateException("task 2 failed");
            return i;
        }));
        assertEquals("task 2 failed", e.getMessage());
        assertEquals(before, Nd4j.getEnvironment().maxThreads());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ParallelRuns.map(List.of(1), 0, (Integer i) -> i));
        assertThrows(IllegalArgumentException.class, () -> ParallelRuns.map(null, 1, (Integer i) -> i));
        assertTrue(ParallelRuns.defaultWorkers() >= 1);
        assertEquals(List.of(), ParallelRuns.map(List.<Integer>of(), 2, (Integer i) -> i));
    }
}

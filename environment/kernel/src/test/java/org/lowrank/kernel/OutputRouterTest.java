package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutputRouterTest {
    @Test
    void manyLinesArriveInOrderInFewMessages() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        try (OutputRouter router = new OutputRouter(out::add, err::add)) {
            PrintStream ps = router.outStream();
            for (int i = 0; i < 200_000; i++) ps.println(i);
            ps.flush();
            router.errStream().print("oops");
            router.errStream().flush();
            router.flushAll();
        }
        String all = String.join("", out);
        String[] lines = all.split("\n");
        assertEquals(200_000, lines.length);
        for (int i = 0; i < lines.length; i++) assertEquals(String.valueOf(i), lines[i]);
        assertTrue(out.size() < 1000, "batched into " + out.size() + " messages");
        assertEquals("oops", String.join("", err));
    }

    @Test
    void splitUtf8SequencesWaitForTheirLastByte() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
        assertEquals(0, OutputRouter.Batch.completeLength(new byte[] {euro[0], euro[1]}));
        assertEquals(3, OutputRouter.Batch.completeLength(euro));
        assertEquals(1, OutputRouter.Batch.completeLength(new byte[] {'a', euro[0]}));
        assertEquals(2, OutputRouter.Batch.completeLength(new byte[] {'a', 'b'}));

        List<String> out = new ArrayList<>();
        OutputRouter.Batch b = new OutputRouter.Batch(out::add);
        b.write(euro, 0, 2);
        b.send();
        b.write(euro, 2, 1);
        b.send();
        assertEquals(List.of("€"), out);
    }
}

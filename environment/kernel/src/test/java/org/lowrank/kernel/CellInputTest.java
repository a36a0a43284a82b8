package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Scanner;

import org.junit.jupiter.api.Test;

class CellInputTest {
    @Test
    void readsOneLineFromTheFrontendPerEmptyBuffer() throws Exception {
        CellInput in = new CellInput();
        Deque<String> typed = new ArrayDeque<>(List.of("first", "twée", "3 4"));
        List<String> prompts = new ArrayList<>();
        in.attach(prompt -> {
            prompts.add(prompt);
            return typed.removeFirst();
        });
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        assertEquals("first", r.readLine());
        assertEquals("twée", in.readLine("? ")); // the helper asks with its prompt
        assertEquals(List.of("", "? "), prompts);
        Scanner sc = new Scanner(in, StandardCharsets.UTF_8);
        assertEquals(7, sc.nextInt() + sc.nextInt());
    }

    @Test
    void withoutAFrontendAReadSaysWhy() {
        CellInput in = new CellInput();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Scanner(in).nextLine());
        assertTrue(e.getMessage().contains("allow_stdin=false"), e.getMessage());
        in.attach(p -> "x");
        in.detach();
        assertThrows(IllegalStateException.class, in::read);
    }
}

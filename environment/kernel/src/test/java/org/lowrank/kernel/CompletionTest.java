package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import jdk.jshell.JShell;

import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompletionTest {
    private static JShell shell;

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void completeStatementsAreComplete() {
        assertEquals("complete", Completion.isComplete(shell, "int x = 3;"));
        assertEquals("complete", Completion.isComplete(shell, "1 + 1"));
        assertEquals("complete", Completion.isComplete(shell, "void f() {}\nf();"));
        assertEquals("complete", Completion.isComplete(shell, "%load setup.jsh\nint y = 2;"));
    }

    @Test
    void openBlocksAreIncomplete() {
        // anything that is not a verdict is the indent of the next line, meaning "incomplete"
        String open = Completion.isComplete(shell, "for (int i = 0; i < 3; i++) {");
        assertTrue(open.isBlank(), open);
        assertTrue(Completion.isComplete(shell, "int x = (1 +").isBlank());
    }

    @Test
    void garbageIsInvalid() {
        assertEquals("invalid", Completion.isComplete(shell, "int x = 1 +;"));
        assertEquals("invalid", Completion.isComplete(shell, "int a = 1;\n}"));
    }

    @Test
    void magicLinesAreMaskedWithTheirLength() {
        String code = "%jars a.jar\nint x = 1;";
        String masked = Completion.maskMagics(code);
        assertEquals(code.length(), masked.length());
        assertTrue(masked.startsWith("           \n"));
        assertTrue(masked.endsWith("int x = 1;"));
    }

    @Test
    void completesMembersAfterEarlierSnippets() {
        String code = "int x = 1;\nMath.ab";
        ReplacementOptions o = Completion.complete(shell, code, code.length(), Set.of("load"));
        assertTrue(o.getReplacements().contains("abs("), o.getReplacements().toString());
        assertEquals(code.length() - 2, o.getSourceStart());
        assertEquals(code.length(), o.getSourceEnd());
    }

    @Test
    void completesMagicNames() {
        ReplacementOptions o = Completion.complete(shell, "%lo", 3, Set.of("load", "jars"));
        assertEquals(java.util.List.of("load"), o.getReplacements());
        assertEquals(1, o.getSourceStart());
    }

    @Test
    void snippetAroundFindsTheSecondSnippet() {
        String code = "int a = 1;\nint b = 2;";
        int[] span = Completion.snippetAround(shell.sourceCodeAnalysis(), code, code.length() - 2);
        assertArrayEquals(new int[] {11, code.length()}, new int[] {span[0] + code.substring(span[0]).indexOf('i'), span[1]});
    }

    @Test
    void inspectsAMethodBySignature() {
        DisplayData d = Completion.inspect(shell, "Math.abs", 8);
        assertNotNull(d);
        String text = (String) d.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("Math.abs(double"), text);
    }

    @Test
    void inspectingNothingFindsNothing() {
        assertNull(Completion.inspect(shell, "   ", 1));
    }

    @Test
    void completionAfterBlankLinesAndIndentation() {
        for (String prefix : new String[] {"", "\n", "\n\n", "  ", "\n   ", "int a = 1;\n\n", "%load x.jsh\n", "%time "}) {
            String code = prefix + "Math.ab";
            ReplacementOptions r = Completion.complete(shell, code, code.length(), Set.of("load"));
            assertTrue(r.getReplacements().contains("abs("), "[" + code + "] -> " + r.getReplacements() + " " + r.getSourceStart());
            assertEquals("ab", code.substring(r.getSourceStart(), r.getSourceEnd()), prefix);
            code = prefix + "Math.";
            r = Completion.complete(shell, code, code.length(), Set.of("load"));
            assertTrue(r.getReplacements().contains("abs("), "[" + code + "] -> " + r.getReplacements() + " " + r.getSourceStart());
            assertEquals(code.length(), r.getSourceStart(), prefix);
        }
    }
}

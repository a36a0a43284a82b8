package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CellExecutionControlTest {
    private CellExecutionControl control;
    private JShell shell;

    @BeforeEach
    void start() {
        control = new CellExecutionControl();
        shell = JShell.builder().executionEngine(new CellExecutionControl.Provider(control), Map.of()).build();
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    private SnippetEvent last(String code) {
        List<SnippetEvent> events = shell.eval(code);
        return events.get(events.size() - 1);
    }

    @Test
    void valuesAreTheObjectsThemselves() {
        SnippetEvent e = last("new StringBuilder(\"abc\")");
        Object v = control.takeResult(e.value());
        assertTrue(v instanceof StringBuilder);
        assertEquals("abc", v.toString());
        assertNull(control.takeResult(e.value()), "a value is taken once");
        assertNull(control.takeResult("not a key"));
    }

    @Test
    void userExceptionsKeepTheirClassAndMessage() {
        SnippetEvent e = last("throw new IllegalStateException(\"boom\");");
        EvalException ex = (EvalException) e.exception();
        assertEquals("java.lang.IllegalStateException", ex.getExceptionClassName());
        assertEquals("boom", ex.getMessage());
    }

    @Test
    @Timeout(20)
    void stopEndsACpuBoundLoop() throws Exception {
        Thread stopper = new Thread(() -> {
            try {
                while (!control.isRunning()) Thread.sleep(20);
                Thread.sleep(300);
                control.stop();
            } catch (InterruptedException ignored) {
                // test ends
            }
        });
        stopper.start();
        last("while (true) {}");
        stopper.join();
        assertFalse(control.isRunning());
        assertEquals(3, control.takeResult(last("1 + 2").value()));
    }

    @Test
    @Timeout(20)
    void stopEndsALoopThatCatchesExceptionsAndALoopInAMethod() throws Exception {
        shell.eval("void spin() { long i = 0; while (true) { try { i++; } catch (Exception e) { } } }");
        for (String code : new String[] {"spin();", "for (;;) { try { Thread.onSpinWait(); } catch (Exception e) { } }"}) {
            Thread stopper = new Thread(() -> {
                try {
                    while (!control.isRunning()) Thread.sleep(20);
                    Thread.sleep(200);
                    control.stop();
                } catch (InterruptedException ignored) {
                    // test ends
                }
            });
            stopper.start();
            last(code);
            stopper.join();
            assertFalse(control.isRunning(), code);
        }
        assertEquals(7, control.takeResult(last("3 + 4").value()));
    }

    @Test
    void exitCallsInCellsAreRefused() {
        for (String code : new String[] {"System.exit(1);", "Runtime.getRuntime().exit(2);", "Runtime.getRuntime().halt(3);",
                "{ java.util.function.IntConsumer c = System::exit; c.accept(4); }",
                "{ java.util.function.IntConsumer c = Runtime.getRuntime()::halt; c.accept(5); }"}) {
            List<SnippetEvent> events = shell.eval(code);
            EvalException ex = (EvalException) events.get(events.size() - 1).exception();
            assertEquals("java.lang.SecurityException", ex == null ? null : ex.getExceptionClassName(), code);
            assertTrue(ex.getMessage().contains("was blocked"), ex.getMessage());
        }
        assertEquals(3, control.takeResult(last("1 + 2").value()));
    }
}

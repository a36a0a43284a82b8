package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaKernelTest {
    @Test
    void questionMarkAsksForDocumentation() {
        assertEquals("Math.abs", JavaKernel.pageRequest("Math.abs?"));
        assertEquals("String", JavaKernel.pageRequest("  String? "));
        assertNull(JavaKernel.pageRequest("x > 0 ? 1 : 2"));
        assertNull(JavaKernel.pageRequest("int x = 1;\nx?"));
        assertNull(JavaKernel.pageRequest("?"));
    }

    @Test
    void bareDisplayCallsShowNoValue() {
        assertTrue(JavaKernel.isDisplayCall("display(img);"));
        assertTrue(JavaKernel.isDisplayCall("display(\"<b>x</b>\", \"text/html\")"));
        assertTrue(JavaKernel.isDisplayCall("Display.updateDisplay(id, x);"));
        assertFalse(JavaKernel.isDisplayCall("String id = display(img);"));
        assertFalse(JavaKernel.isDisplayCall("render(img)"));
    }

    @Test
    void startupImportsMatchJShellsDefaultsPlusDisplay() {
        assertTrue(JavaKernel.STARTUP_IMPORTS.contains("import java.util.*;"));
        assertTrue(JavaKernel.STARTUP_IMPORTS.contains("import static org.lowrank.kernel.Display.*;"));
    }
}

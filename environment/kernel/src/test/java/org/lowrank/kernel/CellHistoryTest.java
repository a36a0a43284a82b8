package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.junit.jupiter.api.Test;

class CellHistoryTest {
    private static CellHistory sample() {
        CellHistory h = new CellHistory();
        h.add(1, "int x = 6;", "");
        h.add(2, "6*7", "42");
        h.add(3, "x + 1", "7");
        h.add(4, "6*7", "42");
        return h;
    }

    private static List<Integer> cells(List<HistoryEntry> es) {
        return es.stream().map(HistoryEntry::getCellNumber).collect(Collectors.toList());
    }

    @Test
    void tailReturnsTheLastN() {
        assertEquals(List.of(3, 4), cells(sample().lookupTail(2, Set.of())));
        assertEquals(List.of(1, 2, 3, 4), cells(sample().lookupTail(0, Set.of())));
    }

    @Test
    void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of(2, 3), cells(sample().lookupRange(CellHistory.SESSION, 2, 4, Set.of())));
        assertEquals(List.of(2, 3, 4), cells(sample().lookupRange(0, 2, 0, Set.of())));
        assertEquals(List.of(), cells(sample().lookupRange(7, 1, 5, Set.of())));
    }

    @Test
    void searchMatchesGlobsAndCanBeUnique() {
        assertEquals(List.of(1, 2, 4), cells(sample().search("*6*", 0, Set.of())));
        assertEquals(List.of(2, 4), cells(sample().search("6*", 0, Set.of())));
        assertEquals(List.of(4), cells(sample().search("6*", 0, Set.of(HistoryManager.ResultFlag.UNIQUE))));
        assertEquals(List.of(4), cells(sample().search("6*", 1, Set.of())));
        assertEquals(List.of(3), cells(sample().search("x ? 1", 0, Set.of())));
    }

    @Test
    void globQuotesRegexCharacters() {
        assertTrue(CellHistory.globToRegex("a.b(*)").matcher("a.b(xyz)").matches());
        assertFalse(CellHistory.globToRegex("a.b").matcher("axb").matches());
    }

    @Test
    void entriesCarryOutputs() {
        HistoryEntry e = sample().lookupTail(1, Set.of()).get(0);
        assertEquals("6*7", e.getInput());
        assertEquals("42", e.getOutput());
    }
}

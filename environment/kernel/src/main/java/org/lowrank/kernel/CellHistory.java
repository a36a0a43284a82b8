package org.lowrank.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * The inputs of this session's cells, in memory (session number 1), answering Jupyter's history requests:
 * {@code tail}, {@code range} and {@code search} (glob patterns with {@code *} and {@code ?}).
 */
public final class CellHistory implements HistoryManager {
    /** The session number reported for every entry (history is not kept across kernel restarts). */
    public static final int SESSION = 1;

    private final List<HistoryEntry> entries = new ArrayList<>();

    /** Records the input of cell {@code count} and its output ({@code text/plain} of its result, or ""). */
    public synchronized void add(int count, String input, String output) {
        entries.add(new HistoryEntry(SESSION, count, input, output == null ? "" : output));
    }

    /** The entries as requested: with their outputs or, by default, inputs only. */
    private static List<HistoryEntry> shape(List<HistoryEntry> found, boolean withOutput) {
        if (withOutput) return found;
        List<HistoryEntry> out = new ArrayList<>(found.size());
        for (HistoryEntry e : found) out.add(new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(), null));
        return out;
    }

    /** Answers a history request of any access type. */
    public List<HistoryEntry> lookup(HistoryRequest request) {
        return shape(find(request), request.includeOutput());
    }

    private List<HistoryEntry> find(HistoryRequest request) {
        switch (request.getAccessType()) {
            case TAIL:
                return lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), Set.of());
            case RANGE: {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                return lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), Set.of());
            }
            case SEARCH: {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                return search(s.getPattern(), s.getMaxReturnLength(),
                        s.filterUnique() ? Set.of(ResultFlag.UNIQUE) : Set.of());
            }
            default:
                return List.of();
        }
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int n, Set<ResultFlag> flags) {
        int from = n <= 0 ? 0 : Math.max(0, entries.size() - n);
        return new ArrayList<>(entries.subList(from, entries.size()));
    }

    /**
     * Cells {@code start} (inclusive) to {@code stop} (exclusive) of the session; session numbers other
     * than 0 (this session, relative) or {@link #SESSION} have no entries. {@code stop <= 0} means to the end.
     */
    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        if (session != 0 && session != SESSION) return out;
        for (HistoryEntry e : entries) {
            int c = e.getCellNumber();
            if (c >= start && (stop <= 0 || c < stop)) out.add(e);
        }
        return out;
    }

    /** The last {@code n} cells whose input matches the glob {@code pattern} ({@code n <= 0}: all). */
    @Override
    public synchronized List<HistoryEntry> search(String pattern, int n, Set<ResultFlag> flags) {
        Pattern p = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<HistoryEntry> matched = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (p.matcher(e.getInput()).matches()) matched.add(e);
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, HistoryEntry> last = new LinkedHashMap<>();
            for (HistoryEntry e : matched) {
                last.remove(e.getInput());
                last.put(e.getInput(), e);
            }
            matched = new ArrayList<>(last.values());
        }
        int from = n <= 0 ? 0 : Math.max(0, matched.size() - n);
        return new ArrayList<>(matched.subList(from, matched.size()));
    }

    /** A glob ({@code *} any text, {@code ?} one character) as a regex matching whole inputs. */
    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*') re.append(".*");
            else if (ch == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}

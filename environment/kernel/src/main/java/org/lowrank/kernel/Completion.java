package org.lowrank.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Completion, inspection and the is-complete check, on a cell that may hold several snippets and magic
 * lines: magic lines are blanked out (same length, so offsets stay valid) and the snippet around the cursor
 * is handed to JShell's {@link SourceCodeAnalysis}.
 */
final class Completion {
    private Completion() {}

    /** {@code code} with every magic line replaced by spaces (of {@code %time CODE}, only {@code %time}). */
    static String maskMagics(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        boolean first = true;
        for (String line : code.split("\n", -1)) {
            // (a check of sb.length() here lost the line break after a leading empty line: offsets shifted)
            if (!first) sb.append('\n');
            first = false;
            if (Magics.isTimeLine(line)) {
                // %time CODE: only the magic's name is blanked, the code after it is Java
                int end = line.indexOf("time") + "time".length();
                sb.append(" ".repeat(end)).append(line.substring(end));
            } else {
                sb.append(Magics.isMagicLine(line) ? " ".repeat(line.length()) : line);
            }
        }
        return sb.toString();
    }

    /** Start (inclusive) and end (exclusive) of the snippet of {@code code} that holds offset {@code at}. */
    static int[] snippetAround(SourceCodeAnalysis analysis, String code, int at) {
        int start = 0;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.remaining().length() >= remaining.length()) {
                break;
            }
            int consumed = remaining.length() - info.remaining().length();
            if (start + consumed >= at) {
                return new int[] {start, start + consumed};
            }
            start += consumed;
            remaining = info.remaining();
        }
        return new int[] {start, code.length()};
    }

    /**
     * Moves the snippet's start past leading white space (blank lines, indentation, masked magic lines), but
     * not past the cursor: JShell's analysis finds nothing in {@code "\nNd4j."} and anchors one character off.
     */
    static void skipLeadingWhitespace(String code, int[] span, int at) {
        while (span[0] < Math.min(at, span[1]) && Character.isWhitespace(code.charAt(span[0]))) span[0]++;
    }

    /** Completions at {@code at}; on a magic line, the names of the magics. */
    static ReplacementOptions complete(JShell shell, String code, int at, Set<String> magicNames) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        if (at == 0) lineStart = 0;
        String lineToCursor = code.substring(lineStart, at);
        boolean timedCode = Magics.isTimeLine(lineToCursor) && lineToCursor.strip().contains(" ");
        if (lineToCursor.stripLeading().startsWith("%") && !timedCode) {
            String typed = lineToCursor.stripLeading().substring(1);
            if (typed.contains(" ")) return new ReplacementOptions(List.of(), at, at);
            List<String> names = new ArrayList<>();
            for (String n : magicNames) if (n.startsWith(typed)) names.add(n);
            return new ReplacementOptions(names, at - typed.length(), at);
        }
        String masked = maskMagics(code);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int[] span = snippetAround(analysis, masked, at);
        skipLeadingWhitespace(masked, span, at);
        String snippet = masked.substring(span[0], span[1]);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(snippet, at - span[0], anchor);
        Set<String> options = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) if (s.matchesType()) options.add(s.continuation());
        for (SourceCodeAnalysis.Suggestion s : suggestions) options.add(s.continuation());
        return new ReplacementOptions(new ArrayList<>(options), span[0] + anchor[0], at);
    }

    /** Signatures and Javadoc of what is at {@code at}, or {@code null} when there is nothing to show. */
    static DisplayData inspect(JShell shell, String code, int at) {
        String masked = maskMagics(code);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int[] span = snippetAround(analysis, masked, at);
        skipLeadingWhitespace(masked, span, at);
        String snippet = masked.substring(span[0], span[1]);
        int cursor = Math.min(at - span[0], snippet.length());
        // extend the cursor to the end of the identifier it is in
        while (cursor < snippet.length() && Character.isJavaIdentifierPart(snippet.charAt(cursor))) cursor++;
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(snippet, cursor, true);
        if (docs.isEmpty()) {
            // an identifier without its argument list: ask as if the call were open
            docs = analysis.documentation(snippet.substring(0, cursor) + "(", cursor + 1, true);
        }
        if (docs.isEmpty()) return null;
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (text.length() > 0) text.append("\n\n");
            text.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) text.append('\n').append(d.javadoc().strip());
        }
        return new DisplayData(text.toString());
    }

    /** Jupyter's is_complete status: complete, incomplete (as an indent), invalid. */
    static String isComplete(JShell shell, String code) {
        String remaining = maskMagics(code);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return BaseKernel.IS_COMPLETE_YES;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    return BaseKernel.IS_COMPLETE_BAD;
                default:
                    if (info.remaining().length() >= remaining.length()) return BaseKernel.IS_COMPLETE_YES;
                    remaining = info.remaining();
            }
        }
        return BaseKernel.IS_COMPLETE_YES;
    }
}

package org.lowrank.kernel;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

/**
 * The Java kernel: JShell, executing in this JVM, behind jjava-jupyter's Jupyter protocol.
 *
 * <p>A cell is split into JShell snippets (a statement, a declaration, an expression) and lines that are
 * magics ({@code %load}, {@code %jars}, {@code %classpath}, {@code %maven}). Snippets are evaluated in order;
 * the first one that fails to compile or throws ends the cell with a Jupyter error. The value of the last
 * snippet, when it is an expression, becomes the cell's {@code execute_result}.
 */
public final class JavaKernel extends BaseKernel {
    /** Imports every session starts with: JShell's default imports plus the notebook functions. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;",
            "import static org.lowrank.kernel.Display.*;");

    private static volatile JavaKernel current;

    private final CellExecutionControl control = new CellExecutionControl();
    private final JShell shell;
    private final Magics magics;
    private final CellHistory history;
    private final OutputRouter output;
    private final CellInput input = new CellInput();
    private volatile ShellReplyEnvironment env;
    private volatile boolean interrupted;

    /** Builds a kernel; {@link #start} connects it. */
    public JavaKernel(CellHistory history) {
        super("java-lowrank", KernelMain.VERSION,
                // the feature release only ("17", "25"): notebooks record it, so a patch update must not modify them
                new LanguageInfo("java", String.valueOf(Runtime.version().feature()), "text/x-java-source", ".jshell",
                        "java", "java", null),
                List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature()
                        + "/docs/api/index.html")),
                history, new JupyterIO(java.nio.charset.StandardCharsets.UTF_8), new CommManager(), newRenderer(),
                new MagicParser("^\\s*%", "%%", null), new MagicsRegistry(), false,
                new StringStyler("", "", "", i -> ""));
        this.history = history;
        this.output = new OutputRouter(text -> publishStream(PublishStream.StreamType.OUT, text),
                text -> publishStream(PublishStream.StreamType.ERR, text));
        this.shell = JShell.builder()
                .executionEngine(new CellExecutionControl.Provider(control), Map.of())
                .compilerOptions("-Xlint:-options")
                .build();
        this.magics = new Magics(this);
        current = this;
    }

    private static Renderer newRenderer() {
        Renderer r = new Renderer();
        Renderers.install(r);
        return r;
    }

    /** The running kernel, for the notebook functions in {@link Display}. */
    static JavaKernel current() {
        JavaKernel k = current;
        if (k == null) throw new IllegalStateException("no Java kernel is running in this JVM");
        return k;
    }

    /**
     * Puts the JVM's class path and {@code extraClasspath} on the snippets' class path, installs the
     * output streams and runs the startup imports.
     */
    public void start(List<String> extraClasspath) throws CellError {
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) shell.addToClasspath(entry);
        }
        for (String entry : extraClasspath) {
            shell.addToClasspath(entry);
        }
        System.setOut(output.outStream());
        System.setErr(output.errStream());
        System.setIn(input);
        for (String imp : STARTUP_IMPORTS) {
            evalJava(imp);
        }
        control.clearResults();
    }

    /** Adds a jar or class folder to the snippets' class path (compiler and class loader). */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    JShell shell() {
        return shell;
    }

    // ---------------------------------------------------------------- execution

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env,
            Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        String code = request.getCode();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        env.setStatusBusy();
        if (!silent) env.publish(new PublishExecuteInput(code, count));
        this.env = env;
        input.attach(request.isStdinEnabled() ? prompt -> {
            String line = env.readFromStdIn(prompt, false);
            String sep = System.lineSeparator();
            return line.endsWith(sep) ? line.substring(0, line.length() - sep.length()) : line;
        } : null);
        String resultText = "";
        Runnable reply;
        try {
            String paged = pageRequest(code);
            if (paged != null) {
                DisplayData doc = Completion.inspect(shell, paged, paged.length());
                Replies.ExecuteOk ok = new Replies.ExecuteOk(count, doc == null
                        ? new DisplayData("No documentation found for " + paged) : doc);
                reply = () -> env.reply(ok);
            } else {
                Object value = executeCell(code);
                output.flushAll();
                if (value != null && !silent) {
                    DisplayData data = renderValue(value);
                    if (data != null && data != DisplayData.EMPTY) {
                        Object text = data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
                        resultText = text == null ? "" : text.toString();
                        env.publish(new PublishExecuteResult(count, data));
                    }
                }
                ExecuteReply ok = new ExecuteReply(count, Collections.emptyMap());
                reply = () -> env.reply(ok);
            }
        } catch (Throwable t) {
            CellError e = t instanceof CellError ? (CellError) t : internalError(t);
            output.flushAll();
            env.publish(new PublishError(e.ename(), e.evalue(), e.traceback()));
            ErrorReply err = new ErrorReply(e.ename(), e.evalue(), e.traceback());
            err.setExecutionCount(count);
            reply = () -> env.replyError(ExecuteReply.MESSAGE_TYPE.error(), err);
        } finally {
            input.detach();
            control.clearResults();
            if (store) history.add(count, code, resultText);
        }
        // Idle goes out before the reply: every output is already sent, and a client that reads the reply
        // and then expects idle promptly on IOPub (jupyter_kernel_test waits 0.1 s) finds it there even on
        // a loaded machine. Clients wait for both, in either order.
        output.flushAll();
        env.setStatusIdle();
        reply.run();
    }

    /**
     * {@code NAME?} (one line, ending with a question mark) asks for the documentation of NAME, shown in
     * the pager as IPython does; returns NAME, or {@code null} for ordinary code.
     */
    static String pageRequest(String code) {
        String s = code.strip();
        if (s.length() < 2 || !s.endsWith("?") || s.contains("\n") || Magics.isMagicLine(s)) return null;
        String name = s.substring(0, s.length() - 1).strip();
        return name.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\s*\\.\\s*[\\p{L}_$][\\p{L}\\p{N}_$]*)*") ? name : null;
    }

    private static CellError internalError(Throwable t) {
        List<String> tb = new ArrayList<>();
        tb.add("Kernel error: " + t);
        for (StackTraceElement el : t.getStackTrace()) tb.add("    at " + el);
        return new CellError(t.getClass().getName(), String.valueOf(t.getMessage()), tb);
    }

    /** Runs a cell; returns the value of its last expression, or {@code null}. */
    Object executeCell(String code) throws CellError {
        interrupted = false;
        Object last = null;
        StringBuilder java = new StringBuilder();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (Magics.isTimeLine(line)) {
                if (!java.toString().isBlank()) evalJava(java.toString());
                String rest = Magics.timeArgument(line) + "\n"
                        + String.join("\n", Arrays.asList(lines).subList(i + 1, lines.length));
                return magics.time(() -> rest.isBlank() ? null : executeCell(rest));
            }
            if (Magics.isMagicLine(line)) {
                if (!java.toString().isBlank()) evalJava(java.toString());
                java.setLength(0);
                last = magics.run(line.strip());
            } else {
                java.append(line).append('\n');
                if (java.toString().isBlank()) continue;
                last = null;
            }
        }
        if (!java.toString().isBlank()) {
            last = evalJava(java.toString());
        }
        return last;
    }

    /** Evaluates Java source (one or more snippets); returns the last expression's value or null. */
    Object evalJava(String code) throws CellError {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        Object last = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source;
            switch (info.completeness()) {
                case EMPTY:
                    return last;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    throw incompleteInput(remaining);
                case UNKNOWN:
                    // Not parseable as a snippet: let JShell compile it to report the syntax error.
                    source = info.source() == null || info.source().isBlank() ? remaining : info.source();
                    break;
                default:
                    source = info.source();
            }
            remaining = info.remaining();
            last = evalSnippet(source);
            if (info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN && remaining.equals(source)) {
                break;
            }
        }
        return last;
    }

    private Object evalSnippet(String source) throws CellError {
        List<SnippetEvent> events = shell.eval(source);
        if (interrupted) {
            throw interruptedError();
        }
        Object value = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) { // an update of a snippet that depends on this one
                noteDependentUpdate(event);
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(snippet, source);
            }
            JShellException ex = event.exception();
            if (ex != null) {
                throw runtimeError(ex);
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                if (snippet instanceof DeclarationSnippet) {
                    List<String> missing = shell.unresolvedDependencies((DeclarationSnippet) snippet)
                            .collect(Collectors.toList());
                    System.err.println("Note: " + describe(snippet) + " cannot be used until "
                            + String.join(", ", missing) + " is declared.");
                }
            }
            Object v = control.takeResult(event.value());
            if (isExpression(snippet) && !isDisplayCall(snippet.source())) {
                value = v;
            } else {
                value = null;
            }
        }
        return value;
    }

    /**
     * Says on the cell's stderr what a change did to earlier declarations, as the jshell tool does: a variable
     * that had to be re-created (its class changed; this in-process engine cannot redefine classes) holds its
     * default value now, and a declaration an import or redefinition broke cannot be used any more.
     * Without the note the value would silently turn null or the name silently vanish.
     */
    private void noteDependentUpdate(SnippetEvent event) {
        Snippet s = event.snippet();
        if (!(s instanceof DeclarationSnippet) || event.status() == Snippet.Status.OVERWRITTEN
                || event.status() == Snippet.Status.DROPPED || !event.previousStatus().isDefined()) {
            return;
        }
        String name = ((DeclarationSnippet) s).name();
        String cause = describe(event.causeSnippet());
        if (!event.status().isDefined()) {
            String why = shell.diagnostics(s).filter(Diag::isError).map(d -> d.getMessage(Locale.ROOT))
                    .findFirst().orElseGet(() -> "it needs " + shell.unresolvedDependencies((DeclarationSnippet) s)
                            .collect(Collectors.joining(", ")));
            System.err.println("Note: " + name + " cannot be used any more after '" + cause + "': "
                    + why.replace('\n', ' '));
        } else if (s instanceof VarSnippet) {
            String value;
            try {
                value = shell.varValue((VarSnippet) s);
            } catch (RuntimeException e) {
                return;
            }
            System.err.println("Note: variable " + name + " was re-created after '" + cause + "' and now holds "
                    + Magics.shortValue(value) + "; re-run its cell to give it a value again.");
        }
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    /**
     * Whether a snippet is a bare {@code display(...)} call, whose value (the display id) would only repeat
     * what the call already showed.
     */
    static boolean isDisplayCall(String source) {
        String s = source.strip();
        if (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s.matches("(?s)(Display\\.)?(display|updateDisplay)\\s*\\(.*\\)");
    }

    private static String describe(Snippet s) {
        if (s instanceof DeclarationSnippet) return ((DeclarationSnippet) s).name();
        String src = s.source().strip();
        return src.length() <= 60 ? src : src.substring(0, 59) + "\u2026";
    }

    private CellError compileError(Snippet snippet, String source) {
        List<Diag> diags = shell.diagnostics(snippet).collect(Collectors.toList());
        List<String> tb = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        String src = snippet.source();
        for (Diag d : diags) {
            if (!d.isError()) continue;
            String msg = d.getMessage(Locale.ROOT);
            if (value.length() > 0) value.append('\n');
            value.append(msg);
            tb.addAll(sourceExcerpt(src, d));
            tb.add(msg);
        }
        if (tb.isEmpty()) {
            tb.add("The snippet was rejected: " + source.strip());
            value.append("rejected: ").append(source.strip());
        }
        tb.add(0, "Compilation error:");
        return new CellError("CompilationException", value.toString(), tb);
    }

    /** The source line a diagnostic points at, with a caret line under it. */
    static List<String> sourceExcerpt(String src, Diag d) {
        long pos = d.getPosition();
        if (pos < 0 || pos > src.length()) {
            return List.of(src.strip());
        }
        int p = (int) pos;
        int start = src.lastIndexOf('\n', Math.max(0, p - 1)) + 1;
        if (p == 0) start = 0;
        int end = src.indexOf('\n', p);
        if (end < 0) end = src.length();
        String line = src.substring(start, end);
        return List.of(line, " ".repeat(Math.max(0, p - start)) + "^");
    }

    private CellError incompleteInput(String remaining) {
        String shown = remaining.strip();
        return new CellError("CompilationException", "incomplete input (missing ';', '}' or ')'?)",
                List.of("Compilation error:", shown, "incomplete input: the cell ends inside this snippet"));
    }

    private static CellError interruptedError() {
        return new CellError("InterruptedException", "the cell was interrupted",
                List.of("Execution interrupted (interrupt_request)."));
    }

    private CellError runtimeError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException) {
            DeclarationSnippet s = ((UnresolvedReferenceException) ex).getSnippet();
            String missing = shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
            String msg = "'" + s.name() + "' cannot be used until " + missing + " is declared";
            return new CellError("UnresolvedReferenceException", msg, List.of("UnresolvedReferenceException: " + msg));
        }
        if (ex instanceof EvalException) {
            EvalException e = (EvalException) ex;
            List<String> tb = new ArrayList<>();
            appendTrace(tb, e, "");
            return new CellError(e.getExceptionClassName(), String.valueOf(e.getMessage()), tb);
        }
        List<String> tb = new ArrayList<>();
        tb.add(ex.toString());
        return new CellError(ex.getClass().getName(), String.valueOf(ex.getMessage()), tb);
    }

    /** The Java-style trace of a user exception, cut at the notebook cell (kernel frames are noise). */
    private static void appendTrace(List<String> tb, Throwable t, String prefix) {
        String cls = t instanceof EvalException ? ((EvalException) t).getExceptionClassName() : t.getClass().getName();
        tb.add(prefix + cls + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        StackTraceElement[] trace = t.getStackTrace();
        int first = 0;
        // frames of the exit guard say nothing about the user's code
        while (first < trace.length && trace[first].getClassName().equals(CellGuards.class.getName())) {
            first++;
        }
        for (int i = first; i < trace.length; i++) {
            StackTraceElement el = trace[i];
            String c = el.getClassName();
            if (c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.Method")
                    || c.startsWith(CellExecutionControl.class.getName())) {
                break;
            }
            boolean inCell = c.isEmpty() || c.startsWith("REPL.");
            String where = inCell ? "    at <cell>(" + el.getFileName() + ":" + el.getLineNumber() + ")"
                    : "    at " + el;
            tb.add(where);
        }
        Throwable cause = t.getCause();
        if (cause != null && cause != t) appendTrace(tb, cause, "Caused by: ");
    }

    // ---------------------------------------------------------------- display

    /** The MIME bundle of {@code value}; a {@link DisplayData} is returned as it is. */
    DisplayData renderValue(Object value) {
        if (value instanceof DisplayData) return (DisplayData) value;
        return renderer.render(Renderers.prepare(value));
    }

    /** The MIME bundle of {@code value} in the requested types. */
    DisplayData renderValue(Object value, String... types) {
        if (value instanceof DisplayData) return (DisplayData) value;
        return renderer.renderAs(Renderers.prepare(value), types);
    }

    String displayValue(Object value, String... types) {
        DisplayData data = types.length == 0 ? renderValue(value) : renderValue(value, types);
        if (!data.hasDisplayId()) data.setDisplayId(java.util.UUID.randomUUID().toString());
        output.flushAll();
        ShellReplyEnvironment e = env;
        if (e != null) e.publish(new PublishDisplayData(data));
        return data.getDisplayId();
    }

    void updateDisplayValue(String id, Object value, String... types) {
        DisplayData data = new DisplayData(types.length == 0 ? renderValue(value) : renderValue(value, types));
        data.setDisplayId(id);
        output.flushAll();
        ShellReplyEnvironment e = env;
        if (e != null) e.publish(new PublishUpdateDisplayData(data));
    }

    /** One line typed by the user; see {@link Display#readLine(String)}. */
    String readLine(String prompt) {
        output.flushAll();
        return input.readLine(prompt == null ? "" : prompt);
    }

    void clearOutput(boolean wait) {
        output.flushAll();
        ShellReplyEnvironment e = env;
        if (e != null) e.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    private void publishStream(PublishStream.StreamType type, String text) {
        ShellReplyEnvironment e = env;
        if (e != null) {
            e.publish(new PublishStream(type, text));
        } else {
            PrintStream log = KernelMain.LOG;
            log.print(text);
        }
    }

    // ---------------------------------------------------------------- BaseKernel API

    @Override
    public Object evalRaw(String code) {
        try {
            return executeCell(code);
        } catch (CellError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return Completion.inspect(shell, code, at);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return Completion.complete(shell, code, at, magics.names());
    }

    @Override
    public String isComplete(String code) {
        return Completion.isComplete(shell, code);
    }

    @Override
    public void interrupt() {
        interrupted = true;
        magics.interrupt();
        control.stop();
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.defer().reply(new Replies.KernelInfo(getBanner(), getLanguageInfo(), getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        env.defer().reply(new Replies.History(history.lookup(message.getContent())));
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (JShell, in-process) - lowrank Java kernel " + KernelMain.VERSION;
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellError) return ((CellError) e).traceback();
        return internalError(e).traceback();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        try {
            output.close();
            shell.close();
        } catch (RuntimeException ignored) {
            // shutting down anyway
        }
    }
}

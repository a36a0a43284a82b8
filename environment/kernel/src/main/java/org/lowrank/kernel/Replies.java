package org.lowrank.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies that jjava-jupyter 1.0-a6 sends without the {@code status} field the Jupyter protocol requires
 * (clients such as {@code jupyter_kernel_test} reject them); these add it. The fields are serialized by the
 * library's Gson together with the inherited ones.
 */
final class Replies {
    private Replies() {}

    /** {@code kernel_info_reply} with {@code status: ok}. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        KernelInfo(String banner, LanguageInfo language, List<HelpLink> links) {
            super("5.3", "lowrank-java", KernelMain.VERSION, language, banner, links);
        }
    }

    /** {@code execute_reply} (ok) with a pager payload, the answer to {@code NAME?}. */
    static final class ExecuteOk extends ExecuteReply {
        @SuppressWarnings("unused")
        private final List<Map<String, Object>> payload;

        ExecuteOk(int count, DisplayData page) {
            super(count, Collections.emptyMap());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("source", "page");
            Map<String, Object> data = new LinkedHashMap<>();
            Object text = page.getData(MIMEType.TEXT_PLAIN);
            data.put("text/plain", text == null ? "" : text.toString());
            p.put("data", data);
            p.put("start", 0);
            this.payload = List.of(p);
        }
    }

    /**
     * {@code history_reply} with {@code status: ok}; entries as the protocol's arrays
     * {@code [session, line, input]} or {@code [session, line, [input, output]]}, written out here because
     * the library's entry adapter is not applied to reply content.
     */
    static final class History implements ContentType<History> {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object io = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), io));
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<History> getType() {
            return (MessageType) HistoryReply.MESSAGE_TYPE;
        }
    }
}

package org.lowrank.kernel;

import java.util.List;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
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

    /** {@code history_reply} with {@code status: ok}. */
    static final class History extends HistoryReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        History(List<HistoryEntry> entries) {
            super(entries);
        }
    }
}

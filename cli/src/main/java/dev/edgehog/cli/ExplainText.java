// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import dev.edgehog.flags.FlagResult;
import java.util.List;

/** Renders an evaluation trace ({@code --explain}) for people. */
final class ExplainText {
    private ExplainText() {}

    /**
     * @param request the request (with a key)
     * @param line its line number in the requests
     * @param traced the result and its steps
     * @return the text block, ending with a newline
     */
    static String render(Request request, int line, Evaluator.Traced traced) {
        StringBuilder sb = new StringBuilder();
        sb.append("flag ").append(Json.text(request.key())).append(" for distinct id ")
                .append(Json.text(request.context().distinctId())).append(" (line ").append(line).append(")\n");
        List<Evaluator.TraceStep> steps = traced.steps();
        int condition = -1;
        for (Evaluator.TraceStep s : steps) {
            if (s.condition() >= 0 && s.condition() != condition) {
                condition = s.condition();
                sb.append("  condition ").append(condition).append('\n');
            }
            sb.append(s.condition() >= 0 ? "    " : "  ").append(tag(s.outcome())).append(' ').append(s.subject());
            if (!s.detail().isEmpty()) {
                sb.append(": ").append(s.detail());
            }
            sb.append('\n');
        }
        FlagResult r = traced.result();
        sb.append("  value: ").append(Json.text(r.value().toJsonValue()));
        if (!r.isDecided()) {
            sb.append(" (cannot be decided locally; a client would ask PostHog)");
        }
        sb.append('\n');
        if (r.payload() != null) {
            sb.append("  payload: ").append(Json.text(r.payload())).append('\n');
        }
        sb.append("  reason: ").append(r.reason()).append('\n');
        return sb.toString();
    }

    private static String tag(String outcome) {
        return switch (outcome) {
            case "PASSED" -> "[pass]";
            case "FAILED" -> "[fail]";
            case "UNDECIDED" -> "[undecided]";
            default -> "[note]";
        };
    }
}

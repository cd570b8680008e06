package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.validation.JsonCompare;

/** The cmp.Diff kube appends to "immutable" messages, one line per differing leaf inside {@code goType{ ... }}. */
final class CmpDiff {
    private CmpDiff() {}

    static String of(String goType, JsonNode before, JsonNode after) {
        StringBuilder diff = new StringBuilder("\n  ").append(goType).append("{\n");
        for (String line : JsonCompare.diff("", before, after)) diff.append(line, 0, 2).append('\t').append(line.substring(2)).append('\n');
        return diff.append("  }\n").toString();
    }
}

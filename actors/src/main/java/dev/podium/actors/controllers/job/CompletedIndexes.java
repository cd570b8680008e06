package dev.podium.actors.controllers.job;

import java.util.SortedSet;
import java.util.TreeSet;

/** An Indexed Job's completedIndexes: sorted indexes as intervals, {@code "1,3-5,7"}. */
public final class CompletedIndexes {
    private CompletedIndexes() {}

    public static SortedSet<Integer> parse(String text) {
        SortedSet<Integer> out = new TreeSet<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) out.add(Integer.parseInt(part.trim()));
            else for (int i = Integer.parseInt(part.substring(0, dash).trim()); i <= Integer.parseInt(part.substring(dash + 1).trim()); i++) out.add(i);
        }
        return out;
    }

    public static String format(SortedSet<Integer> indexes) {
        StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : indexes) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            if (start != null) append(sb, start, prev);
            start = i;
            prev = i;
        }
        if (start != null) append(sb, start, prev);
        return sb.toString();
    }

    private static void append(StringBuilder sb, int from, int to) {
        if (!sb.isEmpty()) sb.append(',');
        sb.append(from);
        if (to > from) sb.append('-').append(to);
    }
}

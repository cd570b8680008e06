package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The element order of a merged list, as strategic merge patch decides it: items named by the
 * patch (or by its {@code $setElementOrder}) come in that order, items only on the server keep
 * their live order, and the two are interleaved using the live order where both are known.
 * An item the server did not have is placed before the server-only items it cannot be compared
 * with, which is why Kubernetes puts a container added without {@code $setElementOrder} first.
 */
final class ListOrder {
    private ListOrder() {}

    /**
     * @param merged      the merged items
     * @param patchOrder  the order the patch asks for (patch items, or the $setElementOrder list)
     * @param serverOrder the live list before the merge
     * @param mergeKey    how items are identified, null for primitives
     */
    static List<JsonNode> normalize(List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> serverOrder, String mergeKey) {
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (index(patchOrder, item, mergeKey) >= 0 ? patchItems : serverOnly).add(item);
        }
        sortBy(patchItems, patchOrder, mergeKey);
        sortBy(serverOnly, serverOrder, mergeKey);
        return interleave(serverOnly, patchItems, serverOrder, mergeKey);
    }

    private static void sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
        items.sort(Comparator.comparingInt(item -> {
            int i = index(order, item, mergeKey);
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
    }

    /** Port of mergeSortedSlice: a server-only item goes first only when the live order says so. */
    private static List<JsonNode> interleave(List<JsonNode> left, List<JsonNode> right, List<JsonNode> serverOrder, String mergeKey) {
        List<JsonNode> out = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out.add(right.get(j++));
            } else if (j >= right.size()) {
                out.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey);
                int ri = index(serverOrder, right.get(j), mergeKey);
                out.add(li >= 0 && ri >= 0 && li < ri ? left.get(i++) : right.get(j++));
            }
        }
        return out;
    }

    static int index(List<JsonNode> list, JsonNode item, String mergeKey) {
        JsonNode id = identity(item, mergeKey);
        for (int i = 0; i < list.size(); i++) {
            if (sameValue(identity(list.get(i), mergeKey), id)) return i;
        }
        return -1;
    }

    static JsonNode identity(JsonNode item, String mergeKey) {
        return mergeKey == null ? item : item.get(mergeKey);
    }

    /** JSON equality where numbers compare by value (80 equals 80.0), missing equals null. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        boolean aNull = a == null || a.isNull() || a.isMissingNode();
        boolean bNull = b == null || b.isNull() || b.isMissingNode();
        if (aNull || bNull) return aNull && bNull;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }
}

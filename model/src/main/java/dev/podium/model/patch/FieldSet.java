package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.patch.PatchSchema.ListStrategy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A set of field paths, the content of a managedFields entry's {@code fieldsV1}. A path is a list
 * of FieldsV1 elements: {@code f:name} (a field), {@code k:{"name":"x"}} (the item of a keyed list),
 * {@code v:"x"} (a value of a set), {@code i:0} (a list position). A path ending in a list item
 * owns the item itself, written {@code ".": {}} in FieldsV1.
 */
public final class FieldSet {
    /** Fields nobody owns: identity and bookkeeping (kube's fieldmanager strips the same ones). */
    private static final Set<String> STRIPPED_META = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "selfLink", "managedFields");

    private final Set<List<String>> paths;

    private FieldSet(Set<List<String>> paths) {
        this.paths = paths;
    }

    public static FieldSet empty() {
        return new FieldSet(Set.of());
    }

    static FieldSet fromPaths(Collection<List<String>> paths) {
        return new FieldSet(new LinkedHashSet<>(paths));
    }

    public Set<List<String>> paths() {
        return paths;
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    public boolean contains(List<String> path) {
        return paths.contains(path);
    }

    /** True when the set holds {@code path} or anything below it. */
    public boolean touches(List<String> path) {
        for (List<String> p : paths) {
            if (p.size() >= path.size() && p.subList(0, path.size()).equals(path)) return true;
        }
        return false;
    }

    /** True when nothing below {@code path} is in the set, i.e. it names a value, not a container. */
    boolean isLeaf(List<String> path) {
        for (List<String> p : paths) {
            if (p.size() > path.size() && p.subList(0, path.size()).equals(path)) return false;
        }
        return true;
    }

    public FieldSet union(FieldSet other) {
        Set<List<String>> out = new LinkedHashSet<>(paths);
        out.addAll(other.paths);
        return new FieldSet(out);
    }

    public FieldSet minus(FieldSet other) {
        Set<List<String>> out = new LinkedHashSet<>(paths);
        out.removeAll(other.paths);
        return new FieldSet(out);
    }

    public FieldSet intersect(FieldSet other) {
        Set<List<String>> out = new LinkedHashSet<>(paths);
        out.retainAll(other.paths);
        return new FieldSet(out);
    }

    /** The fields an object sets, lists split as {@code schema} says; identity fields and nulls left out. */
    public static FieldSet of(ObjectNode obj, String kind, PatchSchema schema) {
        Set<List<String>> out = new LinkedHashSet<>();
        walk(obj, List.of(), List.of(), kind, schema, out);
        return new FieldSet(out);
    }

    private static void walk(ObjectNode obj, List<String> fieldPath, List<String> path, String kind, PatchSchema schema,
                             Set<List<String>> out) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (value.isNull() || stripped(fieldPath, name)) continue;
            List<String> fp = append(fieldPath, name);
            List<String> p = append(path, "f:" + name);
            if (value.isObject() && !value.isEmpty()) {
                walk((ObjectNode) value, fp, p, kind, schema, out);
            } else if (value.isArray() && !value.isEmpty()) {
                walkList((ArrayNode) value, fp, p, schema.listStrategy(kind, fp), kind, schema, out);
            } else {
                out.add(p);
            }
        }
    }

    private static void walkList(ArrayNode list, List<String> fieldPath, List<String> path, ListStrategy strategy,
                                 String kind, PatchSchema schema, Set<List<String>> out) {
        switch (strategy.strategy()) {
            case MERGE_PRIMITIVES -> list.forEach(v -> out.add(append(path, "v:" + Json.text(v))));
            case MERGE_BY_KEY -> {
                for (JsonNode item : list) {
                    JsonNode key = item.get(strategy.mergeKey());
                    if (key == null || key.isNull()) {
                        out.add(path);
                        continue;
                    }
                    ObjectNode keyObj = JsonNodeFactory.instance.objectNode().set(strategy.mergeKey(), key);
                    List<String> itemPath = append(path, "k:" + Json.text(keyObj));
                    out.add(itemPath);
                    walk((ObjectNode) item, fieldPath, itemPath, kind, schema, out);
                }
            }
            case REPLACE -> out.add(path);
        }
    }

    private static boolean stripped(List<String> fieldPath, String name) {
        if (fieldPath.isEmpty()) return name.equals("apiVersion") || name.equals("kind");
        return fieldPath.size() == 1 && fieldPath.get(0).equals("metadata") && STRIPPED_META.contains(name);
    }

    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        Set<List<String>> out = new LinkedHashSet<>();
        if (fieldsV1 != null && fieldsV1.isObject()) read((ObjectNode) fieldsV1, List.of(), out);
        return new FieldSet(out);
    }

    private static void read(ObjectNode node, List<String> path, Set<List<String>> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals(".")) {
                if (!path.isEmpty()) out.add(path);
            } else if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                read((ObjectNode) e.getValue(), append(path, e.getKey()), out);
            } else {
                out.add(append(path, e.getKey()));
            }
        }
    }

    /** The set in FieldsV1 form, keys sorted as Kubernetes writes them. */
    public ObjectNode toFieldsV1() {
        Node root = new Node();
        for (List<String> p : paths) {
            Node n = root;
            for (String element : p) n = n.children.computeIfAbsent(element, k -> new Node());
            n.member = true;
        }
        return root.toJson();
    }

    private static final class Node {
        boolean member;
        final TreeMap<String, Node> children = new TreeMap<>();

        ObjectNode toJson() {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            if (member && !children.isEmpty()) out.putObject(".");
            children.forEach((k, v) -> out.set(k, v.toJson()));
            return out;
        }
    }

    /** The value a path names in an object, or null when it is absent. */
    static JsonNode resolve(JsonNode obj, List<String> path) {
        JsonNode cur = obj;
        for (String element : path) {
            if (cur == null) return null;
            cur = step(cur, element);
        }
        return cur;
    }

    private static JsonNode step(JsonNode node, String element) {
        if (element.startsWith("f:")) return node.isObject() ? node.get(element.substring(2)) : null;
        if (!node.isArray()) return null;
        int i = indexIn((ArrayNode) node, element);
        return i < 0 ? null : node.get(i);
    }

    /** Removes what a path names from an object; false when it was not there. */
    static boolean remove(JsonNode obj, List<String> path) {
        JsonNode parent = resolve(obj, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o && last.startsWith("f:")) {
            return o.remove(last.substring(2)) != null;
        }
        if (parent instanceof ArrayNode a) {
            int i = indexIn(a, last);
            if (i >= 0) {
                a.remove(i);
                return true;
            }
        }
        return false;
    }

    private static int indexIn(ArrayNode list, String element) {
        try {
            if (element.startsWith("i:")) {
                int i = Integer.parseInt(element.substring(2));
                return i < list.size() ? i : -1;
            }
            if (element.startsWith("v:")) {
                JsonNode value = Json.MAPPER.readTree(element.substring(2));
                for (int i = 0; i < list.size(); i++) if (ListOrder.sameValue(list.get(i), value)) return i;
            } else if (element.startsWith("k:")) {
                JsonNode key = Json.MAPPER.readTree(element.substring(2));
                for (int i = 0; i < list.size(); i++) if (matchesKey(list.get(i), key)) return i;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static boolean matchesKey(JsonNode item, JsonNode key) {
        if (!item.isObject() || !key.isObject()) return false;
        for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!ListOrder.sameValue(item.get(e.getKey()), e.getValue())) return false;
        }
        return true;
    }

    /** A path as server-side apply prints it in conflicts, e.g. {@code .spec.containers[name="a"].image}. */
    public static String describe(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String element : path) {
            String rest = element.substring(2);
            if (element.startsWith("f:")) {
                sb.append('.').append(rest);
            } else if (element.startsWith("k:")) {
                sb.append('[');
                try {
                    JsonNode key = Json.MAPPER.readTree(rest);
                    List<String> parts = new ArrayList<>();
                    key.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + Json.text(e.getValue())));
                    sb.append(String.join(",", parts));
                } catch (IOException e) {
                    sb.append(rest);
                }
                sb.append(']');
            } else if (element.startsWith("v:")) {
                sb.append("[=").append(rest).append(']');
            } else {
                sb.append('[').append(rest).append(']');
            }
        }
        return sb.toString();
    }

    private static List<String> append(List<String> path, String element) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(element);
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && paths.equals(f.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        return Json.text(toFieldsV1());
    }
}

package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.podium.model.json.Json;

import java.util.Optional;

/**
 * A printer column's JSONPath, written kube's way ({@code .status.conditions[?(@.type=="Ready")].status},
 * {@code .metadata.labels.app\.kubernetes\.io/name}), evaluated with Jayway JsonPath. As kube does for
 * printer columns, only the first match counts and missing keys are no error.
 */
final class KubeJsonPath {
    private static final Configuration VALUES = configuration(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS);
    private static final Configuration PATHS = configuration(Option.AS_PATH_LIST, Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS);

    private final JsonPath path;

    private KubeJsonPath(JsonPath path) {
        this.path = path;
    }

    /** @throws IllegalArgumentException when the path does not parse (kube then drops the column) */
    static KubeJsonPath compile(String kubePath) {
        try {
            return new KubeJsonPath(JsonPath.compile(toJayway(kubePath)));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("unrecognized column definition \"" + kubePath + "\"", e);
        }
    }

    /** The first match, a JSON null included; empty when nothing matches. */
    Optional<JsonNode> first(JsonNode document) {
        JsonNode results = JsonPath.using(VALUES).parse(document).read(path);
        if (results == null || !results.isArray() || results.isEmpty()) return Optional.empty();
        JsonNode first = results.get(0);
        if (first != null && !first.isNull()) return Optional.of(first);
        // Jayway answers null for an index past the end too; kube finds nothing there.
        JsonNode paths = JsonPath.using(PATHS).parse(document).read(path);
        if (paths == null || paths.isEmpty()) return Optional.empty();
        return existsAt(document, paths.get(0).asText()) ? Optional.of(NullNode.getInstance()) : Optional.empty();
    }

    /** Turns kube's dotted fields into bracketed ones; brackets (indexes, slices, filters) pass through. */
    static String toJayway(String kubePath) {
        String p = kubePath.startsWith("$") ? kubePath.substring(1) : kubePath;
        StringBuilder out = new StringBuilder("$");
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '[') {
                int end = closingBracket(p, i);
                out.append(p, i, end + 1);
                i = end + 1;
            } else if (c == '.') {
                i++;
                if (i < p.length() && p.charAt(i) == '.') {
                    out.append("..");
                    i++;
                }
                StringBuilder name = new StringBuilder();
                while (i < p.length() && !isTerminator(p.charAt(i))) {
                    if (p.charAt(i) == '\\' && i + 1 < p.length()) i++;
                    name.append(p.charAt(i++));
                }
                if (name.toString().equals("*")) out.append("[*]");
                else if (!name.isEmpty()) out.append("['").append(name.toString().replace("\\", "\\\\").replace("'", "\\'")).append("']");
            } else {
                throw new InvalidPathException("unexpected " + c + " in " + kubePath);
            }
        }
        return out.toString();
    }

    /** kube's isTerminator, less the characters that cannot follow a field here. */
    private static boolean isTerminator(char c) {
        return Character.isWhitespace(c) || ".,[]$@{}".indexOf(c) >= 0;
    }

    private static int closingBracket(String p, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < p.length(); i++) {
            char c = p.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && --depth == 0) {
                if (c != ']') throw new InvalidPathException("unbalanced brackets in " + p);
                return i;
            }
        }
        throw new InvalidPathException("unclosed bracket in " + p);
    }

    /** Follows one of Jayway's normalized paths ({@code $['spec']['items'][5]}) to see whether a value sits there. */
    private static boolean existsAt(JsonNode document, String normalized) {
        JsonNode cur = document;
        int i = 1;
        while (i < normalized.length() && cur != null) {
            if (normalized.startsWith("['", i)) {
                int end = normalized.indexOf("']", i + 2);
                if (end < 0) return false;
                cur = cur.isObject() ? cur.get(normalized.substring(i + 2, end)) : null;
                i = end + 2;
            } else if (normalized.charAt(i) == '[') {
                int end = normalized.indexOf(']', i);
                if (end < 0) return false;
                String index = normalized.substring(i + 1, end);
                cur = cur.isArray() && index.matches("\\d{1,9}") ? cur.get(Integer.parseInt(index)) : null;
                i = end + 1;
            } else {
                return false;
            }
        }
        return cur != null;
    }

    private static Configuration configuration(Option... options) {
        return Configuration.builder()
                .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
                .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
                .options(options)
                .build();
    }
}

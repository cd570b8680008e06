package dev.podium.model.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A field selector ({@code metadata.name=x,status.phase!=Running}), as k8s.io/apimachinery/pkg/fields. */
public final class FieldSelector {
    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /** One {@code field=value} or {@code field!=value} term. */
    public record Term(String field, boolean equals, String value) {
        @Override
        public String toString() {
            return field + (equals ? "=" : "!=") + escape(value);
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** Parses the {@code fieldSelector} query syntax; null or empty selects everything. Bad syntax is a 400. */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) return EVERYTHING;
        List<String> parts = splitTerms(selector);
        Collections.sort(parts);
        List<Term> terms = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty()) continue;
            Term t = splitTerm(selector, part);
            terms.add(t);
        }
        return new FieldSelector(terms);
    }

    /**
     * Rejects keys the kind does not support, as kube's field label conversion does: metadata.name,
     * metadata.namespace for namespaced kinds, and the kind's own {@code fieldSelectors()}.
     */
    public FieldSelector validate(ResourceKind kind) {
        for (Term t : terms) {
            if (reader(kind, t.field()) == null) {
                throw new ApiException(ApiError.badRequest("field label not supported: " + t.field()));
            }
        }
        return this;
    }

    public boolean matches(ResourceKind kind, ObjectNode obj) {
        for (Term t : terms) {
            Function<JsonNode, String> read = reader(kind, t.field());
            String actual = read == null ? "" : read.apply(obj);
            if (actual == null) actual = "";
            if (actual.equals(t.value()) != t.equals()) return false;
        }
        return true;
    }

    /** The value {@code field} must equal for anything to match, if the selector pins one (e.g. spec.nodeName). */
    public Optional<String> requiredValue(String field) {
        return terms.stream().filter(t -> t.equals() && t.field().equals(field)).map(Term::value).findFirst();
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector f && f.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    private static Function<JsonNode, String> reader(ResourceKind kind, String field) {
        if (field.equals("metadata.name")) return o -> Json.textAt(o, "metadata.name");
        if (field.equals("metadata.namespace") && kind.namespaced()) return o -> Json.textAt(o, "metadata.namespace");
        return kind.rules().fieldSelectors().get(field);
    }

    // Backslash-escaped commas are data, not separators; the backslash stays for unescaping later.
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean inSlash = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (inSlash) inSlash = false;
            else if (c == '\\') inSlash = true;
            else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    private static Term splitTerm(String selector, String term) {
        for (int i = 0; i < term.length(); i++) {
            String rest = term.substring(i);
            for (String op : List.of("!=", "==", "=")) {
                if (rest.startsWith(op)) {
                    return new Term(term.substring(0, i), !op.equals("!="), unescape(term.substring(i + op.length())));
                }
            }
        }
        throw new ApiException(ApiError.badRequest("invalid selector: '" + selector + "'; can't understand '" + term + "'"));
    }

    private static String unescape(String s) {
        StringBuilder v = new StringBuilder();
        boolean inSlash = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inSlash) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new ApiException(ApiError.badRequest("invalid field selector: invalid escape sequence: \\" + c));
                }
                v.append(c);
                inSlash = false;
                continue;
            }
            if (c == '\\') {
                inSlash = true;
            } else if (c == ',' || c == '=') {
                // kube formats the rune with %v, which prints its code point.
                throw new ApiException(ApiError.badRequest("invalid field selector: unescaped character in value: " + (int) c));
            } else {
                v.append(c);
            }
        }
        if (inSlash) throw new ApiException(ApiError.badRequest("invalid field selector: invalid escape sequence: \\"));
        return v.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}

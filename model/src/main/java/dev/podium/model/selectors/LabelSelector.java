package dev.podium.model.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.selectors.Requirement.Operator;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A label selector: requirements ANDed together. Immutable. */
public final class LabelSelector {
    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean nothing;

    private LabelSelector(List<Requirement> requirements, boolean nothing) {
        this.requirements = List.copyOf(requirements);
        this.nothing = nothing;
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    public static LabelSelector nothing() {
        return NOTHING;
    }

    /**
     * Parses the {@code labelSelector} query syntax ({@code a=b,c!=d,e in (f,g),!h}); null or
     * blank selects everything. Bad syntax is a 400 with kube-apiserver's message.
     */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) return EVERYTHING;
        try {
            return new LabelSelector(LabelSelectorParser.parse(selector), false);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.badRequest(e.getMessage()));
        }
    }

    /**
     * A metav1.LabelSelector ({@code matchLabels}, {@code matchExpressions}) as kube's
     * LabelSelectorAsSelector reads it: null selects nothing, {} selects everything. An invalid
     * selector is a 400 with kube's message.
     */
    public static LabelSelector fromObject(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) return NOTHING;
        Map<String, String> matchLabels = Nodes.stringMap(selector, "matchLabels");
        List<JsonNode> exprs = new ArrayList<>();
        JsonNode arr = selector.get("matchExpressions");
        if (arr != null && arr.isArray()) arr.forEach(exprs::add);
        if (matchLabels.isEmpty() && exprs.isEmpty()) return EVERYTHING;
        List<Requirement> reqs = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : matchLabels.entrySet()) {
                reqs.add(Requirement.of(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
            }
            for (JsonNode expr : exprs) {
                String op = Nodes.str(expr, "operator");
                Operator operator = switch (op) {
                    case "In" -> Operator.IN;
                    case "NotIn" -> Operator.NOT_IN;
                    case "Exists" -> Operator.EXISTS;
                    case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                    default -> throw new IllegalArgumentException("\"" + op + "\" is not a valid label selector operator");
                };
                reqs.add(Requirement.of(Nodes.str(expr, "key"), operator, Nodes.strings(expr, "values")));
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.badRequest(e.getMessage()));
        }
        reqs.sort(Comparator.comparing(Requirement::key));
        return new LabelSelector(reqs, false);
    }

    /** Equality on every entry, as labels.SelectorFromSet; an empty map selects everything. */
    public static LabelSelector fromMap(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) return EVERYTHING;
        List<Requirement> reqs = labels.entrySet().stream()
                .map(e -> new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())))
                .sorted(Comparator.comparing(Requirement::key))
                .collect(Collectors.toList());
        return new LabelSelector(reqs, false);
    }

    public boolean matches(Map<String, String> labels) {
        if (nothing) return false;
        Map<String, String> ls = labels == null ? Map.of() : labels;
        for (Requirement r : requirements) if (!r.matches(ls)) return false;
        return true;
    }

    /** Matches an API object by its {@code metadata.labels}. */
    public boolean matchesObject(JsonNode obj) {
        return matches(Nodes.stringMap(obj == null ? null : obj.get("metadata"), "labels"));
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    public boolean isEverything() {
        return !nothing && requirements.isEmpty();
    }

    public boolean isNothing() {
        return nothing;
    }

    /** The canonical query form, as kube's Selector.String(). */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && other.nothing == nothing && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + (nothing ? 1 : 0);
    }
}

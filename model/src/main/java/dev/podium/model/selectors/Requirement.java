package dev.podium.model.selectors;

import dev.podium.model.validation.NameValidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One term of a label selector: {@code key op values}, as labels.Requirement. */
public record Requirement(String key, Operator operator, List<String> values) {

    public enum Operator {
        IN("in"), NOT_IN("notin"), EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="),
        EXISTS("exists"), DOES_NOT_EXIST("!"), GREATER_THAN("gt"), LESS_THAN("lt");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** kube's selection.Operator string. */
        public String symbol() {
            return symbol;
        }
    }

    public Requirement {
        values = List.copyOf(values);
    }

    /**
     * Builds a requirement after kube's NewRequirement checks; values are sorted and de-duplicated.
     * A problem is reported as the text of kube's aggregated field errors.
     */
    public static Requirement of(String key, Operator op, List<String> values) {
        List<String> errs = new ArrayList<>();
        List<String> keyErrs = NameValidation.labelKey(key);
        if (!keyErrs.isEmpty()) errs.add("key: Invalid value: \"" + key + "\": " + String.join("; ", keyErrs));
        switch (op) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) errs.add("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) errs.add("values: Invalid value: " + goStrings(values) + ": exact-match compatibility requires one single value");
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) errs.add("values: Invalid value: " + goStrings(values) + ": values set must be empty for exists and does not exist");
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) errs.add("values: Invalid value: " + goStrings(values) + ": for 'Gt', 'Lt' operators, exactly one value is required");
                for (int i = 0; i < values.size(); i++) {
                    if (parseLong(values.get(i)) == null) {
                        errs.add("values[" + i + "]: Invalid value: \"" + values.get(i) + "\": for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> valueErrs = NameValidation.labelValue(values.get(i));
            if (!valueErrs.isEmpty()) {
                errs.add("values[" + i + "][" + key + "]: Invalid value: \"" + values.get(i) + "\": " + String.join("; ", valueErrs));
            }
        }
        if (errs.size() == 1) throw new IllegalArgumentException(errs.get(0));
        if (errs.size() > 1) throw new IllegalArgumentException("[" + String.join(", ", errs) + "]");
        return new Requirement(key, op, new ArrayList<>(new TreeSet<>(values)));
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> actual != null && values.contains(actual);
            case NOT_IN, NOT_EQUALS -> actual == null || !values.contains(actual);
            case EXISTS -> actual != null;
            case DOES_NOT_EXIST -> actual == null;
            case GREATER_THAN, LESS_THAN -> {
                Long have = actual == null ? null : parseLong(actual);
                Long want = values.size() == 1 ? parseLong(values.get(0)) : null;
                if (have == null || want == null) yield false;
                yield operator == Operator.GREATER_THAN ? have > want : have < want;
            }
        };
    }

    /** kube's Requirement.String(): {@code a=b}, {@code a in (x,y)}, {@code !a}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (operator == Operator.DOES_NOT_EXIST) sb.append('!');
        sb.append(key);
        switch (operator) {
            case EXISTS, DOES_NOT_EXIST -> {
                return sb.toString();
            }
            case IN -> sb.append(" in (");
            case NOT_IN -> sb.append(" notin (");
            case GREATER_THAN -> sb.append('>');
            case LESS_THAN -> sb.append('<');
            default -> sb.append(operator.symbol());
        }
        sb.append(String.join(",", values));
        if (operator == Operator.IN || operator == Operator.NOT_IN) sb.append(')');
        return sb.toString();
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String goStrings(List<String> values) {
        StringBuilder sb = new StringBuilder("[]string{");
        for (int i = 0; i < values.size(); i++) sb.append(i > 0 ? ", " : "").append('"').append(values.get(i)).append('"');
        return sb.append('}').toString();
    }
}

package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;

/** One x-kubernetes-validations rule, read leniently from its JSON form. */
record CelRule(String rule, String message, String messageExpression, String reason,
               String fieldPath, Boolean optionalOldSelf) {
    /** Stands in for a Go pointer's address, which kube prints and which means nothing outside its process. */
    private static final String SOME_ADDRESS = "0xc000000000";

    static CelRule of(JsonNode node) {
        return new CelRule(text(node, "rule"), text(node, "message"), text(node, "messageExpression"),
                nullableText(node, "reason"), text(node, "fieldPath"),
                node.path("optionalOldSelf").isBoolean() ? node.get("optionalOldSelf").booleanValue() : null);
    }

    boolean usesOptionalOldSelf() {
        return Boolean.TRUE.equals(optionalOldSelf);
    }

    /** kube's failure detail when no messageExpression produced one: the message, else "failed rule: <rule>". */
    String messageOrDefault() {
        return message.isEmpty() ? "failed rule: " + rule.strip() : message.strip();
    }

    /** How kube names the rule inside evaluation error messages: its message if it has one, else its expression. */
    String errorString() {
        return message.isEmpty() ? rule.strip() : message.strip();
    }

    /**
     * The rule as kube prints it as the value of a CRD validation error, Go's %#v of apiextensions.ValidationRule.
     * A set pointer prints as an address in kube; a fixed one stands in for it here.
     */
    String goSyntax() {
        return "apiextensions.ValidationRule{Rule:" + goQuote(rule)
                + ", Message:" + goQuote(message)
                + ", MessageExpression:" + goQuote(messageExpression)
                + ", Reason:(*apiextensions.FieldValueErrorReason)(" + (reason == null ? "nil" : SOME_ADDRESS) + ")"
                + ", FieldPath:" + goQuote(fieldPath)
                + ", OptionalOldSelf:(*bool)(" + (optionalOldSelf == null ? "nil" : SOME_ADDRESS) + ")}";
    }

    private static String text(JsonNode node, String field) {
        String value = nullableText(node, field);
        return value == null ? "" : value;
    }

    private static String nullableText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    /** Go's %q rendering of a string. */
    private static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", c));
                    else sb.appendCodePoint(c);
                }
            }
        });
        return sb.append('"').toString();
    }
}

package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ValidateCustomResourceDefinitionOpenAPISchema: the keywords a CRD schema may not use or must
 * use together (types, $ref and friends, uniqueItems, additionalProperties beside properties,
 * defaults in resource metadata, the x-kubernetes-* extensions and x-kubernetes-validations
 * entries). CEL compilation of rules and their fieldPath resolution are not checked here.
 */
final class SchemaKeywordChecks {
    private static final List<String> TYPES = List.of("array", "boolean", "integer", "number", "object", "string");
    private static final List<String> RULE_REASONS = List.of("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired");
    private static final Set<String> META = Set.of("metadata", "kind", "apiVersion");
    private static final Pattern NEWLINES = Pattern.compile("[\\n\\r]+");

    /** Where a schema sits: whether defaults are allowed there, and whether it describes resource metadata. */
    private record Context(boolean allowDefaults, String defaultsReason, boolean insideMeta) {
        Context forbidDefaults(String reason) {
            return new Context(false, reason, insideMeta);
        }

        Context meta() {
            return new Context(allowDefaults, defaultsReason, true);
        }
    }

    private final List<Cause> errs;

    private SchemaKeywordChecks(List<Cause> errs) {
        this.errs = errs;
    }

    static List<Cause> check(Schema root, String path) {
        List<Cause> errs = new ArrayList<>();
        new SchemaKeywordChecks(errs).visit(root, path, new Context(true, "", false), true);
        return errs;
    }

    private void visit(Schema s, String path, Context ctx, boolean root) {
        if (s == null) return;
        keywords(s, path, ctx);
        if (s.flag("uniqueItems")) errs.add(Cause.forbidden(path + ".uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        if (s.has("additionalProperties")) {
            JsonNode ap = s.node().get("additionalProperties");
            if (!s.properties().isEmpty() && (ap.isObject() || ap.isBoolean() && !ap.booleanValue())) {
                errs.add(Cause.forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"));
            }
            Context sub = ctx.insideMeta() ? ctx.forbidDefaults("inside additionalProperties applying to object metadata") : ctx;
            visit(s.additionalProperties(), path + ".additionalProperties", sub, false);
        }
        for (Map.Entry<String, Schema> p : s.properties().entrySet()) {
            Context sub = ctx;
            if ((root || s.embeddedResource()) && META.contains(p.getKey())) {
                sub = sub.meta();
                if (root) sub = sub.forbidDefaults("in top-level " + p.getKey());
            }
            visit(p.getValue(), StructuralChecks.property(path, p.getKey()), sub, false);
        }
        visit(s.not(), path + ".not", ctx, false);
        for (int i = 0; i < s.allOf().size(); i++) visit(s.allOf().get(i), path + ".allOf[" + i + "]", ctx, false);
        for (int i = 0; i < s.oneOf().size(); i++) visit(s.oneOf().get(i), path + ".oneOf[" + i + "]", ctx, false);
        for (int i = 0; i < s.anyOf().size(); i++) visit(s.anyOf().get(i), path + ".anyOf[" + i + "]", ctx, false);
        visitMap(s.node().get("definitions"), path + ".definitions", ctx);
        visit(s.items(), path + ".items", ctx, false);
        JsonNode items = s.node().get("items");
        if (items != null && items.isArray()) for (int i = 0; i < items.size(); i++) visit(Schema.of(items.get(i)), path + ".items[" + i + "]", ctx, false);
        visitMap(s.node().get("dependencies"), path + ".dependencies", ctx);
        extensions(s, path);
        SchemaListChecks.check(s, path, errs);
        rules(s, path);
    }

    /** specStandardValidatorV3: keywords a CRD schema does not support. */
    private void keywords(Schema s, String path, Context ctx) {
        String type = s.type();
        if (!type.isEmpty() && !TYPES.contains(type)) errs.add(SchemaCauses.notSupported(path + ".type", GoText.quote(type), TYPES));
        if (s.has("default") && !ctx.allowDefaults()) {
            errs.add(Cause.forbidden(path + ".default", "must not be set" + (ctx.defaultsReason().isEmpty() ? "" : " " + ctx.defaultsReason())));
        }
        if (!s.text("id").isEmpty()) errs.add(Cause.forbidden(path + ".id", "id is not supported"));
        if (s.has("additionalItems")) errs.add(Cause.forbidden(path + ".additionalItems", "additionalItems is not supported"));
        if (nonEmpty(s, "patternProperties")) errs.add(Cause.forbidden(path + ".patternProperties", "patternProperties is not supported"));
        if (nonEmpty(s, "definitions")) errs.add(Cause.forbidden(path + ".definitions", "definitions is not supported"));
        if (s.has("dependencies")) errs.add(Cause.forbidden(path + ".dependencies", "dependencies is not supported"));
        if (s.has("$ref")) errs.add(Cause.forbidden(path + ".$ref", "$ref is not supported"));
        if (type.equals("null")) errs.add(Cause.forbidden(path + ".type", "type cannot be set to null, use nullable as an alternative"));
        JsonNode items = s.node().get("items");
        if (items != null && items.isArray() && !items.isEmpty()) errs.add(Cause.forbidden(path + ".items", "items must be a schema object and not an array"));
        if (ctx.insideMeta() && s.embeddedResource()) {
            errs.add(Cause.forbidden(path + ".x-kubernetes-embedded-resource", "must not be used inside of resource meta"));
        }
    }

    private void extensions(Schema s, String path) {
        JsonNode preserve = s.node().get("x-kubernetes-preserve-unknown-fields");
        if (preserve != null && preserve.isBoolean() && !preserve.booleanValue()) {
            errs.add(SchemaCauses.invalid(path + ".x-kubernetes-preserve-unknown-fields", "false", "must be true or undefined"));
        }
        if (s.has("x-kubernetes-map-type")) {
            String mapType = s.mapType();
            if (!s.type().equals("object")) mustBe(s, path, "must be object if x-kubernetes-map-type is specified");
            if (!mapType.equals("atomic") && !mapType.equals("granular")) {
                errs.add(SchemaCauses.notSupported(path + ".x-kubernetes-map-type", GoText.quote(mapType), List.of("atomic", "granular")));
            }
        }
    }

    private void mustBe(Schema s, String path, String why) {
        errs.add(s.type().isEmpty() ? Cause.required(path + ".type", why) : SchemaCauses.invalidText(path + ".type", s.type(), why));
    }

    private void rules(Schema s, String path) {
        JsonNode rules = s.node().get("x-kubernetes-validations");
        if (rules == null || !rules.isArray()) return;
        for (int i = 0; i < rules.size(); i++) {
            JsonNode r = rules.get(i);
            String at = path + ".x-kubernetes-validations[" + i + "]";
            String rule = r.path("rule").asText(""), message = r.path("message").asText(""), fieldPath = r.path("fieldPath").asText("");
            if (rule.trim().isEmpty()) {
                errs.add(Cause.required(at + ".rule", "rule is not specified"));
            } else if (!message.isEmpty() && message.trim().isEmpty()) {
                errs.add(SchemaCauses.invalidText(at + ".message", message, "message must be non-empty if specified"));
            } else if (NEWLINES.matcher(message.trim()).find()) {
                errs.add(SchemaCauses.invalidText(at + ".message", message, "message must not contain line breaks"));
            } else if (NEWLINES.matcher(rule.trim()).find() && message.trim().isEmpty()) {
                errs.add(Cause.required(at + ".message", "message must be specified if rule contains line breaks"));
            }
            String expression = r.path("messageExpression").asText("");
            if (!expression.isEmpty() && expression.trim().isEmpty()) {
                errs.add(Cause.required(at + ".messageExpression", "messageExpression must be non-empty if specified"));
            }
            JsonNode reason = r.get("reason");
            if (reason != null && reason.isTextual() && !RULE_REASONS.contains(reason.textValue())) {
                errs.add(SchemaCauses.notSupported(at + ".reason", GoText.quote(reason.textValue()), RULE_REASONS));
            }
            if (!fieldPath.isEmpty() && fieldPath.trim().isEmpty()) {
                errs.add(SchemaCauses.invalidText(at + ".fieldPath", fieldPath, "fieldPath must be non-empty if specified"));
            }
            if (NEWLINES.matcher(fieldPath).find()) errs.add(SchemaCauses.invalidText(at + ".fieldPath", fieldPath, "fieldPath must not contain line breaks"));
        }
    }

    private void visitMap(JsonNode map, String path, Context ctx) {
        if (map == null || !map.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            visit(Schema.of(e.getValue()), path + "[" + e.getKey() + "]", ctx, false);
        }
    }

    private static boolean nonEmpty(Schema s, String key) {
        JsonNode v = s.node().get(key);
        return v != null && v.isObject() && !v.isEmpty();
    }

    /** Go's %#v of a []string. */
    static String strings(List<String> values) {
        return values.stream().map(GoText::quote).collect(Collectors.joining(", ", "[]string{", "}"));
    }
}

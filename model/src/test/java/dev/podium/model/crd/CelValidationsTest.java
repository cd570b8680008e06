package dev.podium.model.crd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CelValidationsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SPEC = "{\"replicas\": 3, \"minReplicas\": 1, \"ratio\": 1.5, \"name\": \"Web-App\","
            + " \"items\": [1, 2, 3], \"labels\": {\"app\": \"web\"}, \"nothing\": null}";
    static final String SCHEMA = "spec.versions[0].schema.openAPIV3Schema.properties[spec]";

    /** One row: rules on {@code spec}, the new and old value there, and the causes kube reports. */
    record Row(String name, ArrayNode rules, String self, String oldSelf, List<Cause> causes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                passes("plain comparison", "self.minReplicas <= self.replicas"),
                fails("rule without message", rules(rule("self.minReplicas > self.replicas")),
                        invalid("spec", "\"object\"", "failed rule: self.minReplicas > self.replicas")),
                fails("message replaces failed rule", rules(rule("self.replicas > 5").put("message", " replicas must be above 5 ")),
                        invalid("spec", "\"object\"", "replicas must be above 5")),
                fails("reason Forbidden", rules(rule("self.replicas > 5").put("message", "too few").put("reason", "FieldValueForbidden")),
                        new Cause("FieldValueForbidden", "spec", "Forbidden: too few")),
                fails("reason Required", rules(rule("has(self.missing)").put("message", "missing is needed").put("reason", "FieldValueRequired")),
                        new Cause("FieldValueRequired", "spec", "Required value: missing is needed")),
                fails("reason Duplicate prints the type", rules(rule("false").put("reason", "FieldValueDuplicate")),
                        new Cause("FieldValueDuplicate", "spec", "Duplicate value: \"object\"")),
                fails("unknown reason is Invalid", rules(rule("false").put("reason", "Nonsense")),
                        invalid("spec", "\"object\"", "failed rule: false")),
                fails("fieldPath appended", rules(rule("self.minReplicas > self.replicas").put("fieldPath", ".minReplicas")),
                        invalid("spec.minReplicas", "\"object\"", "failed rule: self.minReplicas > self.replicas")),
                fails("quoted fieldPath", rules(rule("false").put("fieldPath", ".labels['app.kubernetes.io/name']")),
                        invalid("spec.labels.app.kubernetes.io/name", "\"object\"", "failed rule: false")),
                fails("malformed fieldPath ignored", rules(rule("false").put("fieldPath", "labels[")),
                        invalid("spec", "\"object\"", "failed rule: false")),
                fails("messageExpression", rules(rule("self.replicas > 5").put("message", "static")
                                .put("messageExpression", "'replicas ' + string(self.replicas) + ' is too few'")),
                        invalid("spec", "\"object\"", "replicas 3 is too few")),
                fails("blank messageExpression result falls back to message", rules(rule("false").put("message", "static")
                                .put("messageExpression", "' '")),
                        invalid("spec", "\"object\"", "static")),
                fails("failing messageExpression falls back to message", rules(rule("false").put("message", "static")
                                .put("messageExpression", "self.missing")),
                        invalid("spec", "\"object\"", "static")),
                fails("every failing rule in order", rules(rule("self.replicas > 5"), rule("true"), rule("self.name == 'x'")),
                        invalid("spec", "\"object\"", "failed rule: self.replicas > 5"),
                        invalid("spec", "\"object\"", "failed rule: self.name == 'x'")),
                passes("has on present field", "has(self.labels) && has(self.labels.app) && !has(self.absent)"),
                passes("has on null field", "has(self.nothing) && self.nothing == null"),
                passes("size of list, map and string", "size(self.items) == 3 && self.labels.size() == 1 && self.name.size() == 7"),
                passes("all and exists", "self.items.all(i, i > 0) && self.items.exists(i, i == 2) && !self.items.exists(i, i > 3)"),
                passes("exists_one, map and filter", "self.items.exists_one(i, i == 1) && self.items.map(i, i * 2) == [2, 4, 6]"
                        + " && self.items.filter(i, i % 2 == 1).size() == 2"),
                passes("macros over map keys", "self.labels.all(k, k.startsWith('a')) && 'app' in self.labels"),
                passes("two-variable comprehension", "self.items.all(i, v, v == i + 1)"),
                passes("string functions", "self.name.startsWith('Web') && self.name.endsWith('App') && self.name.contains('-')"
                        + " && self.name.lowerAscii() == 'web-app' && self.name.upperAscii() == 'WEB-APP'"
                        + " && self.name.split('-') == ['Web', 'App'] && self.name.indexOf('-') == 3"
                        + " && self.name.substring(4) == 'App' && self.name.replace('-', '_') == 'Web_App'"
                        + " && ['a', 'b'].join(',') == 'a,b' && ' x '.trim() == 'x'"),
                passes("regex matches (RE2)", "self.name.matches('^[A-Z][a-z]+-(?P<rest>[A-Za-z]+)$')"),
                passes("ints and doubles compare across types", "self.ratio > 1 && self.replicas == 3.0 && self.replicas < self.ratio * 3.0"),
                passes("optional field selection", "self.?absent.orValue(7) == 7 && self.?replicas.orValue(0) == 3"),
                passes("sets extension", "sets.contains(self.items, [1, 3])"),
                passes("durations and timestamps", "duration('1m') < duration('1h') && timestamp('2024-01-01T00:00:00Z') < timestamp('2025-01-01T00:00:00Z')"),
                fails("missing key is an evaluation error", rules(rule("self.absent > 1")),
                        invalid("spec", "\"object\"", "no such key: absent evaluating rule: self.absent > 1")),
                fails("evaluation error names the message", rules(rule("self.absent > 1").put("message", "absent is wrong")),
                        invalid("spec", "\"object\"", "no such key: absent evaluating rule: absent is wrong")),
                fails("runtime overload mismatch", rules(rule("self.name + 1 == 2")),
                        invalid("spec", "\"object\"", "'no such overload': call arguments did not match a supported operator,"
                                + " function or macro signature for rule: self.name + 1 == 2")),
                fails("bad regex at run time", rules(rule("self.name.matches('[')")),
                        invalid("spec", "\"object\"", "error parsing regexp: missing closing ]: `[` evaluating rule: self.name.matches('[')")),
                passes("empty rule is ignored", ""),
                // transition rules
                update("immutable field unchanged", rules(rule("self == oldSelf").put("message", "Value is immutable")),
                        "\"abc\"", "\"abc\""),
                update("immutable field changed", rules(rule("self == oldSelf").put("message", "Value is immutable")),
                        "\"abd\"", "\"abc\"",
                        invalid("spec", "\"string\"", "Value is immutable")),
                update("transition rule skipped on create", rules(rule("self == oldSelf").put("message", "Value is immutable")),
                        "\"abd\"", null),
                update("only the transition rule is skipped", rules(rule("self == oldSelf"), rule("self.size() > 5")),
                        "\"abd\"", null,
                        invalid("spec", "\"string\"", "failed rule: self.size() > 5")),
                update("transition rule on an integer", rules(rule("self >= oldSelf").put("message", "may not decrease")),
                        "2", "3",
                        invalid("spec", "\"integer\"", "may not decrease")),
                update("optionalOldSelf evaluated on create", rules(rule("oldSelf.hasValue()").put("optionalOldSelf", true)),
                        "2", null,
                        invalid("spec", "\"integer\"", "failed rule: oldSelf.hasValue()")),
                update("optionalOldSelf passes when absent", rules(rule("!oldSelf.hasValue() || self >= oldSelf.value()").put("optionalOldSelf", true)),
                        "2", null),
                update("optionalOldSelf compares when present", rules(rule("!oldSelf.hasValue() || self >= oldSelf.value()").put("optionalOldSelf", true)),
                        "2", "3",
                        invalid("spec", "\"integer\"", "failed rule: !oldSelf.hasValue() || self >= oldSelf.value()")),
                update("null self is not validated", rules(rule("false")), "null", null),
                update("list self prints array", rules(rule("self.size() > 5")), "[1]", null,
                        invalid("spec", "\"array\"", "failed rule: self.size() > 5")),
                update("number self", rules(rule("self < 1.0")), "1.5", null,
                        invalid("spec", "\"number\"", "failed rule: self < 1.0")),
                update("compile error reported when evaluating", rules(rule("'abc'")), "1", null,
                        invalid("spec", "\"integer\"", "rule compile error: cel expression must evaluate to a bool")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void evaluatesRulesAsKube(Row row) {
        JsonNode old = row.oldSelf() == null ? null : json(row.oldSelf());
        assertThat(CelValidations.evaluate(row.rules(), json(row.self()), old, "spec")).containsExactlyElementsOf(row.causes());
    }

    @Test
    void rulesAtTheRootHaveNoPathPrefix() {
        assertThat(CelValidations.evaluate(rules(rule("false").put("fieldPath", ".spec")), json("{}"), null, ""))
                .containsExactly(invalid("spec", "\"object\"", "failed rule: false"));
    }

    static Stream<Arguments> compileErrorRows() {
        return Stream.of(
                arguments("syntax error", rule("self.foo("), ".rule",
                        "Invalid value: apiextensions.ValidationRule{Rule:\"self.foo(\", Message:\"\", MessageExpression:\"\","
                                + " Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}:"
                                + " compilation failed: ERROR: <input>:1:10: "),
                arguments("undeclared reference", rule("size(selff) > 1"), ".rule",
                        "compilation failed: ERROR: <input>:1:6: undeclared reference to 'selff' (in container '')"),
                arguments("static type error", rule("1 + 'a' == 2"), ".rule",
                        "compilation failed: ERROR: <input>:1:3: found no matching overload for '_+_' applied to '(int, string)'"),
                arguments("heterogeneous list literal", rule("[1, 'a'].size() == 2"), ".rule",
                        "compilation failed: ERROR: <input>:1:5: expected type 'int' but found 'string'"),
                arguments("bad duration literal", rule("duration('1x') > duration('1s')"), ".rule",
                        "compilation failed: ERROR: <input>:1:10: duration validation failed"),
                arguments("not a bool", rule("'abc'"), ".rule", ": cel expression must evaluate to a bool"),
                arguments("message expression not a string", rule("true").put("messageExpression", "42"), ".messageExpression",
                        "MessageExpression:\"42\", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:\"\","
                                + " OptionalOldSelf:(*bool)(nil)}: messageExpression must evaluate to a string"),
                arguments("message expression syntax", rule("true").put("messageExpression", "\"abc"), ".messageExpression",
                        "messageExpression compilation failed: ERROR: <input>:1:1: "),
                arguments("empty rule", rule(" "), ".rule", "Required value: rule is not specified"),
                arguments("blank message expression", rule("true").put("messageExpression", " "), ".messageExpression",
                        "Required value: messageExpression must be non-empty if specified"),
                arguments("optionalOldSelf without oldSelf", rule("self > 1").put("optionalOldSelf", true), ".optionalOldSelf",
                        "Invalid value: true: may not be set if oldSelf is not used in rule"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compileErrorRows")
    void reportsCompileErrorsAtTheRule(String name, ObjectNode bad, String field, String messagePart) {
        List<Cause> causes = CelValidations.compileErrors(rules(rule("self.replicas > 0"), bad), SCHEMA);
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).field()).isEqualTo(SCHEMA + ".x-kubernetes-validations[1]" + field);
        assertThat(causes.get(0).message()).contains(messagePart);
        assertThat(causes.get(0).reason()).isEqualTo(messagePart.startsWith("Required") ? "FieldValueRequired" : "FieldValueInvalid");
    }

    @Test
    void validRulesHaveNoCompileErrors() {
        ArrayNode valid = rules(rule("self.minReplicas <= self.replicas"), rule("self == oldSelf").put("message", "immutable"),
                rule("!oldSelf.hasValue() || oldSelf.value() == self").put("optionalOldSelf", true),
                rule("self.items.all(i, i > 0)").put("messageExpression", "'bad item in ' + self.name"),
                rule("self.name.matches('^(?P<word>[a-z]+)$')"));
        assertThat(CelValidations.compileErrors(valid, SCHEMA)).isEmpty();
    }

    @Test
    void rendersRuleFieldsAsGoDoes() {
        ObjectNode bad = rule("self.x(").put("message", "say \"hi\"\n").put("reason", "FieldValueForbidden").put("fieldPath", ".x");
        assertThat(CelValidations.compileErrors(rules(bad), "s").get(0).message()).startsWith(
                "Invalid value: apiextensions.ValidationRule{Rule:\"self.x(\", Message:\"say \\\"hi\\\"\\n\", MessageExpression:\"\","
                        + " Reason:(*apiextensions.FieldValueErrorReason)(0xc000000000), FieldPath:\".x\", OptionalOldSelf:(*bool)(nil)}:"
                        + " compilation failed: ");
    }

    @Test
    void compilesEachExpressionOnce() {
        assertThat(CelEnvironment.rule("self.a == 1", false)).isSameAs(CelEnvironment.rule("self.a == 1", false));
        assertThat(CelEnvironment.rule("self.a == 1", true)).isNotSameAs(CelEnvironment.rule("self.a == 1", false));
        assertThat(CelEnvironment.rule("self == oldSelf", false).usesOldSelf()).isTrue();
        assertThat(CelEnvironment.rule("self.oldSelf == 1", false).usesOldSelf()).isFalse();
    }

    @Test
    void convertsJsonToCelValues() {
        Object value = JsonToCel.value(json("{\"i\": 1, \"big\": 12345678901234567890, \"d\": 1.0, \"l\": [true, \"s\"], \"n\": null}"));
        assertThat(value).isInstanceOf(java.util.Map.class);
        java.util.Map<?, ?> map = (java.util.Map<?, ?>) value;
        assertThat(map.get("i")).isEqualTo(1L);
        assertThat(map.get("big")).isInstanceOf(Double.class);
        assertThat(map.get("d")).isEqualTo(1.0d);
        assertThat(map.get("l")).isEqualTo(List.of(true, "s"));
        assertThat(map.get("n")).isEqualTo(dev.cel.common.values.NullValue.NULL_VALUE);
    }

    // --- helpers

    static Row passes(String name, String rule) {
        return new Row(name, rules(rule(rule)), SPEC, null, List.of());
    }

    static Row fails(String name, ArrayNode rules, Cause... causes) {
        return new Row(name, rules, SPEC, null, List.of(causes));
    }

    static Row update(String name, ArrayNode rules, String self, String oldSelf, Cause... causes) {
        return new Row(name, rules, self, oldSelf, List.of(causes));
    }

    static ObjectNode rule(String rule) {
        return MAPPER.createObjectNode().put("rule", rule);
    }

    static ArrayNode rules(ObjectNode... rules) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ObjectNode r : rules) array.add(r);
        return array;
    }

    static Cause invalid(String field, String renderedValue, String detail) {
        return new Cause("FieldValueInvalid", field, "Invalid value: " + renderedValue + ": " + detail);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

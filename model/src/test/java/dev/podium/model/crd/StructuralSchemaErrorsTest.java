package dev.podium.model.crd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.crd.SchemaFixtures.ROOT;
import static dev.podium.model.crd.SchemaFixtures.render;
import static dev.podium.model.crd.SchemaFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The schema errors kube's CRD validation reports; ROOT stands for the version's openAPIV3Schema path. */
class StructuralSchemaErrorsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("structural schema", """
                        type: object
                        properties:
                          metadata: {type: object, properties: {name: {type: string, maxLength: 10}}}
                          spec:
                            type: object
                            properties:
                              port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                              ports:
                                type: array
                                x-kubernetes-list-type: map
                                x-kubernetes-list-map-keys: [name]
                                items: {type: object, required: [name], properties: {name: {type: string}}}
                              free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                        """, List.of()),
                arguments("missing types", "properties: {a: {}, b: {type: array, items: {}}}", List.of(
                        "FieldValueRequired ROOT.properties[a].type: Required value: must not be empty for specified object fields",
                        "FieldValueRequired ROOT.properties[b].items.type: Required value: must not be empty for specified array items",
                        "FieldValueRequired ROOT.type: Required value: must not be empty at the root")),
                arguments("root type", "type: integer", List.of(
                        "FieldValueInvalid ROOT.type: Invalid value: \"integer\": must be object at the root")),
                arguments("array without items", "{type: object, properties: {a: {type: array}}}", List.of(
                        "FieldValueRequired ROOT.properties[a].items: Required value: must be specified")),
                arguments("forbidden keywords", """
                        type: object
                        properties:
                          a: {type: string, $ref: '#/x'}
                          b: {type: object, properties: {c: {type: string}}, additionalProperties: {type: string}}
                          d: {type: array, uniqueItems: true, items: {type: string}}
                          e: {type: int}
                        """, List.of(
                        "FieldValueForbidden ROOT.properties[a].$ref: Forbidden: $ref is not supported",
                        "FieldValueForbidden ROOT.properties[b].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive",
                        "FieldValueForbidden ROOT.properties[d].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
                        "FieldValueNotSupported ROOT.properties[e].type: Unsupported value: \"int\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"")),
                arguments("metadata beyond name and generateName", "{type: object, properties: {metadata: {type: object, properties: {labels: {type: object}}}}}",
                        List.of("FieldValueForbidden ROOT.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified")),
                arguments("int-or-string with preserve-unknown-fields", "{type: object, properties: {a: {x-kubernetes-int-or-string: true, x-kubernetes-preserve-unknown-fields: true}}}",
                        List.of("FieldValueInvalid ROOT.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true")),
                arguments("preserve-unknown-fields false", "{type: object, properties: {a: {type: object, x-kubernetes-preserve-unknown-fields: false}}}",
                        List.of("FieldValueInvalid ROOT.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined")),
                arguments("type inside anyOf", "{type: object, properties: {a: {type: string, anyOf: [{type: string, maxLength: 3}, {pattern: x}]}}}",
                        List.of("FieldValueForbidden ROOT.properties[a].anyOf[0].type: Forbidden: must be empty to be structural")),
                arguments("junctor names an unspecified property", "{type: object, properties: {a: {type: string}}, anyOf: [{properties: {b: {minLength: 1}}}]}",
                        List.of("FieldValueRequired ROOT.properties[b]: Required value: because it is defined in ROOT.anyOf[0].properties[b]")),
                arguments("invalid pattern", "{type: object, properties: {a: {type: string, pattern: '+'}}}", List.of(
                        "FieldValueInvalid ROOT.properties[a].pattern: Invalid value: \"+\": must be a valid regular expression, but isn't:"
                                + " error parsing regexp: missing argument to repetition operator: `+`")),
                arguments("pattern Go does not support", "{type: object, properties: {a: {type: string, pattern: 'a(?=b)'}}}", List.of(
                        "FieldValueInvalid ROOT.properties[a].pattern: Invalid value: \"a(?=b)\": must be a valid regular expression, but isn't:"
                                + " error parsing regexp: invalid or unsupported Perl syntax: `(?=`")),
                arguments("int-or-string anyOf in the wrong order", "{type: object, properties: {a: {x-kubernetes-int-or-string: true,"
                        + " anyOf: [{type: string}, {type: integer}]}}}", List.of(
                        "FieldValueForbidden ROOT.properties[a].anyOf[0].type: Forbidden: must be empty to be structural",
                        "FieldValueForbidden ROOT.properties[a].anyOf[1].type: Forbidden: must be empty to be structural")),
                arguments("list-type map without keys", "{type: object, properties: {a: {type: array, x-kubernetes-list-type: map,"
                        + " items: {type: object, properties: {k: {type: string}}}}}}", List.of(
                        "FieldValueRequired ROOT.properties[a].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map")),
                arguments("set of non-atomic objects", "{type: object, properties: {a: {type: array, x-kubernetes-list-type: set,"
                        + " items: {type: object, properties: {k: {type: string}}}}}}", List.of(
                        "FieldValueInvalid ROOT.properties[a].items.x-kubernetes-map-type: Invalid value: \"null\": must be atomic as item of a list with x-kubernetes-list-type=set")),
                arguments("defaults must be pruned and valid", "{type: object, properties: {a: {type: object, properties: {b: {type: integer}}, default: {b: x, c: 1}}}}",
                        List.of("FieldValueInvalid ROOT.properties[a].default: Invalid value: map[string]interface {}{\"b\":\"x\", \"c\":1}: must not have unknown fields",
                                "FieldValueTypeInvalid ROOT.properties[a].default.b: Invalid value: \"string\": b in body must be of type integer: \"string\"")),
                arguments("nullable root and a default in metadata", "{type: object, nullable: true, properties: {metadata: {type: object, default: {}}}}",
                        List.of("FieldValueForbidden ROOT.nullable: Forbidden: nullable cannot be true at the root",
                                "FieldValueForbidden ROOT.properties[metadata].default: Forbidden: must not be set in top-level metadata")),
                arguments("additionalProperties at the root", "{type: object, additionalProperties: false}", List.of(
                        "FieldValueForbidden ROOT.additionalProperties: Forbidden: must not be used at the root")),
                arguments("x-kubernetes-validations entries", "{type: object, x-kubernetes-validations: [{rule: ' '}, {rule: self.a, reason: Bad}]}", List.of(
                        "FieldValueRequired ROOT.x-kubernetes-validations[0].rule: Required value: rule is not specified",
                        "FieldValueNotSupported ROOT.x-kubernetes-validations[1].reason: Unsupported value: \"Bad\": supported values:"
                                + " \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void errors(String name, String schemaYaml, List<String> expected) {
        List<String> rendered = render(StructuralSchema.structuralErrors(yaml(schemaYaml), ROOT));
        assertThat(rendered).containsExactlyElementsOf(expected.stream().map(e -> e.replace("ROOT", ROOT)).toList());
    }
}

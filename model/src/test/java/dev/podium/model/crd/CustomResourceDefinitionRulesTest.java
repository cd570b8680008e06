package dev.podium.model.crd;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class CustomResourceDefinitionRulesTest {
    static final CustomResourceDefinitionRules RULES = new CustomResourceDefinitionRules();
    static final String BASE = """
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object}}
            """;
    static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic"
            + " character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is"
            + " '[a-z]([-a-z0-9]*[a-z0-9])?')";
    static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must"
            + " start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String FORM = "; desired format: https://host[/path]";
    static final String VERSIONS = "[]apiextensions.CustomResourceDefinitionVersion{...}";

    /** One rule broken: the edits to the valid base definition and every cause kube reports for it. */
    record Row(String name, List<Consumer<ObjectNode>> edits, List<Cause> causes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> invalid() {
        return Stream.of(
                row("name must be plural.group", edits(set("/metadata/name", "gadgets.example.com")),
                        inv("metadata.name", "\"gadgets.example.com\"", "must be spec.names.plural+\".\"+spec.group")),
                row("group is required", edits(remove("/spec/group")),
                        inv("metadata.name", "\"widgets.example.com\"", "must be spec.names.plural+\".\"+spec.group"), req("spec.group")),
                row("group needs a dot", edits(set("/spec/group", "example"), set("/metadata/name", "widgets.example")),
                        inv("spec.group", "\"example\"", "should be a domain with at least one dot")),
                row("group is a DNS subdomain", edits(set("/spec/group", "Example.com"), set("/metadata/name", "widgets.Example.com")),
                        inv("spec.group", "\"Example.com\"", SUBDOMAIN)),
                row("scope is required", edits(remove("/spec/scope")), req("spec.scope")),
                row("scope is Cluster or Namespaced", edits(set("/spec/scope", "Global")),
                        new Cause("FieldValueNotSupported", "spec.scope", "Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"")),
                row("at least one version", edits(set("/spec/versions", "[]")),
                        inv("spec.versions", "[]apiextensions.CustomResourceDefinitionVersion{}", "must have exactly one version marked as storage version"),
                        inv("status.storedVersions", "[]string(nil)", "must have at least one stored version")),
                row("one storage version", edits(set("/spec/versions/0/storage", "false")),
                        inv("spec.versions", VERSIONS, "must have exactly one version marked as storage version"),
                        inv("status.storedVersions", "[]string(nil)", "must have at least one stored version")),
                row("only one storage version", edits(addVersion("{name: v2, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}")),
                        inv("spec.versions", VERSIONS, "must have exactly one version marked as storage version"),
                        inv("status.storedVersions", "[]string{\"v1\"}", "must have the storage version v2")),
                row("unique version names", edits(addVersion("{name: v1, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}")),
                        inv("spec.versions", VERSIONS, "must contain unique version names")),
                row("version names are DNS-1035 labels, also as spec.version", edits(set("/spec/versions/0/name", "V1")),
                        inv("spec.versions[0].name", "\"V1\"", DNS1035), inv("spec.version", "\"V1\"", DNS1035)),
                row("every version needs a schema", edits(remove("/spec/versions/0/schema")),
                        req("spec.versions[0].schema.openAPIV3Schema", "schemas are required")),
                row("plural is required", edits(remove("/spec/names/plural"), set("/metadata/name", ".example.com")), req("spec.names.plural")),
                row("plural is lowercase", edits(set("/spec/names/plural", "Widgets"), set("/metadata/name", "Widgets.example.com")),
                        inv("spec.names.plural", "\"Widgets\"", DNS1035)),
                row("kind is required, and with it singular and listKind", edits(remove("/spec/names/kind")),
                        req("spec.names.singular"), req("spec.names.kind"), req("spec.names.listKind")),
                row("kinds may have mixed case only", edits(set("/spec/names/kind", "Widget_Thing")),
                        inv("spec.names.singular", "\"widget_thing\"", DNS1035),
                        inv("spec.names.kind", "\"Widget_Thing\"", CrdNameValidation.MIXED_CASE + DNS1035),
                        inv("spec.names.listKind", "\"Widget_ThingList\"", CrdNameValidation.MIXED_CASE + DNS1035)),
                row("listKind differs from kind", edits(set("/spec/names/listKind", "Widget")),
                        inv("spec.names.listKind", "\"Widget\"", "kind and listKind may not be the same")),
                row("short names are lowercase", edits(set("/spec/names/shortNames", "[w, W]")),
                        inv("spec.names.shortNames[1]", "\"W\"", DNS1035)),
                row("categories are labels", edits(set("/spec/names/categories", "[all, '']")),
                        inv("spec.names.categories[1]", "\"\"", DNS1035)),
                row("accepted names follow the same rules", edits(set("/status/acceptedNames", "{plural: Bad, kind: ''}")),
                        inv("status.acceptedNames.plural", "\"Bad\"", DNS1035)),
                row("scale paths sit under spec and status (shared by all versions)",
                        edits(set("/spec/versions/0/subresources", "{scale: {specReplicasPath: .status.replicas, statusReplicasPath: status.replicas}}")),
                        inv("spec.subresources.scale.specReplicasPath", "\".status.replicas\"", "should be a json path under .spec"),
                        inv("spec.subresources.scale.statusReplicasPath", "\"status.replicas\"", "must be a simple json path starting with .")),
                row("scale paths are required", edits(set("/spec/versions/0/subresources", "{status: {}, scale: {}}")),
                        req("spec.subresources.scale.specReplicasPath"), req("spec.subresources.scale.statusReplicasPath")),
                row("label selector path", edits(set("/spec/versions/0/subresources",
                                "{scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .metadata.labels}}")),
                        inv("spec.subresources.scale.labelSelectorPath", "\".metadata.labels\"", "should be a json path under either .spec or .status")),
                row("a version's own subresources are reported under it",
                        edits(addVersion("{name: v2, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}"),
                                set("/spec/versions/1/subresources", "{scale: {specReplicasPath: .replicas, statusReplicasPath: .status.replicas}}")),
                        inv("spec.versions[1].subresources.scale.specReplicasPath", "\".replicas\"", "should be a json path under .spec")),
                row("printer columns", edits(set("/spec/versions/0/additionalPrinterColumns", "[{name: '', type: text, format: percent, jsonPath: ''}]")),
                        req("spec.additionalPrinterColumns[0].name"),
                        inv("spec.additionalPrinterColumns[0].type", "\"text\"", "must be one of boolean,date,integer,number,string"),
                        inv("spec.additionalPrinterColumns[0].format", "\"percent\"",
                                "must be one of byte,date,date-time,double,float,int32,int64,password"),
                        req("spec.additionalPrinterColumns[0].JSONPath")),
                row("printer column type and path", edits(set("/spec/versions/0/additionalPrinterColumns", "[{name: Size, jsonPath: spec.size}]")),
                        req("spec.additionalPrinterColumns[0].type", "must be one of boolean,date,integer,number,string"),
                        inv("spec.additionalPrinterColumns[0].JSONPath", "\"spec.size\"", "must be a simple json path starting with .")),
                row("deprecation warning needs deprecated", edits(set("/spec/versions/0/deprecationWarning", "old")),
                        inv("spec.versions[0].deprecationWarning", "\"old\"", "can only be set for deprecated versions")),
                row("deprecation warning is not empty", edits(set("/spec/versions/0/deprecated", "true"), set("/spec/versions/0/deprecationWarning", "''")),
                        inv("spec.versions[0].deprecationWarning", "\"\"", "must not be an empty string")),
                row("deprecation warning is printable", edits(set("/spec/versions/0/deprecated", "true"),
                                set("/spec/versions/0/deprecationWarning", "\"é\\x01\"")),
                        inv("spec.versions[0].deprecationWarning", "\"é\\x01\"",
                                "must only contain printable UTF-8 characters; non-printable character found at index 2")),
                row("deprecation warning is short", edits(set("/spec/versions/0/deprecated", "true"),
                                set("/spec/versions/0/deprecationWarning", "x".repeat(257))),
                        inv("spec.versions[0].deprecationWarning", "\"" + "x".repeat(257) + "\"", "must be <= 256 characters long")),
                row("conversion strategy is required", edits(set("/spec/conversion", "{}")), req("spec.conversion.strategy")),
                row("conversion strategy is None or Webhook", edits(set("/spec/conversion", "{strategy: Magic}")),
                        new Cause("FieldValueNotSupported", "spec.conversion.strategy", "Unsupported value: \"Magic\": supported values: \"None\", \"Webhook\"")),
                row("webhook conversion needs a webhook", edits(set("/spec/conversion", "{strategy: Webhook}")),
                        req("spec.conversion.webhookClientConfig", "required when strategy is set to Webhook"), req("spec.conversion.conversionReviewVersions")),
                row("webhook conversion needs url or service", edits(set("/spec/conversion",
                                "{strategy: Webhook, webhook: {clientConfig: {}, conversionReviewVersions: [v1]}}")),
                        req("spec.conversion.webhookClientConfig", "exactly one of url or service is required")),
                row("webhook URL is plain https", edits(set("/spec/conversion",
                                "{strategy: Webhook, webhook: {clientConfig: {url: 'http://me@hooks.example.com/convert?x=1#top'}, conversionReviewVersions: [v2, v2]}}")),
                        inv("spec.conversion.webhookClientConfig.url", "\"http\"", "'https' is the only allowed URL scheme" + FORM),
                        inv("spec.conversion.webhookClientConfig.url", "\"me\"", "user information is not permitted in the URL"),
                        inv("spec.conversion.webhookClientConfig.url", "\"top\"", "fragments are not permitted in the URL"),
                        inv("spec.conversion.webhookClientConfig.url", "\"x=1\"", "query parameters are not permitted in the URL"),
                        inv("spec.conversion.conversionReviewVersions[1]", "\"v2\"", "duplicate version"),
                        inv("spec.conversion.conversionReviewVersions", "[]string{\"v2\", \"v2\"}", "must include at least one of v1, v1beta1")),
                row("webhook URL parses", edits(set("/spec/conversion",
                                "{strategy: Webhook, webhook: {clientConfig: {url: '://hooks'}, conversionReviewVersions: [v1]}}")),
                        req("spec.conversion.webhookClientConfig.url", "url must be a valid URL: parse \"://hooks\": missing protocol scheme" + FORM)),
                row("webhook service (kube swaps name and namespace)", edits(set("/spec/conversion",
                                "{strategy: Webhook, webhook: {clientConfig: {service: {name: conv, port: 0, path: /convert//x}}, conversionReviewVersions: [v1]}}")),
                        req("spec.conversion.webhookClientConfig.service.name", "service name is required"),
                        inv("spec.conversion.webhookClientConfig.service.port", "0", "port is not valid: must be between 1 and 65535, inclusive"),
                        inv("spec.conversion.webhookClientConfig.service.path", "\"/convert//x\"", "segment[1] may not be empty")),
                row("no webhook without Webhook strategy", edits(set("/spec/conversion",
                                "{strategy: None, webhook: {clientConfig: {url: 'https://hooks'}, conversionReviewVersions: [v1]}}")),
                        forbidden("spec.conversion.webhookClientConfig", "should not be set when strategy is not set to Webhook"),
                        forbidden("spec.conversion.conversionReviewVersions", "should not be set when strategy is not set to Webhook")),
                row("stored versions stay in spec.versions", edits(set("/status/storedVersions", "[v1beta1, v1]")),
                        inv("status.storedVersions[0]", "\"v1beta1\"", "missing from spec.versions; v1beta1 was previously a storage version, and must"
                                + " remain in spec.versions until a storage migration ensures no data remains persisted in v1beta1 and removes v1beta1"
                                + " from status.storedVersions")),
                row("protected groups need approval", edits(set("/spec/group", "things.k8s.io"), set("/metadata/name", "widgets.things.k8s.io")),
                        req("metadata.annotations[api-approved.kubernetes.io]", "protected groups must have approval annotation"
                                + " \"api-approved.kubernetes.io\", see https://github.com/kubernetes/enhancements/pull/1111")),
                row("approval is a URL or unapproved", edits(set("/spec/group", "x.kubernetes.io"), set("/metadata/name", "widgets.x.kubernetes.io"),
                                set("/metadata/annotations", "{api-approved.kubernetes.io: 'yes'}")),
                        inv("metadata.annotations[api-approved.kubernetes.io]", "\"yes\"", "protected groups must have approval annotation"
                                + " \"api-approved.kubernetes.io\" with either a URL or a reason starting with \"unapproved\","
                                + " see https://github.com/kubernetes/enhancements/pull/1111")),
                row("preserveUnknownFields stays false", edits(set("/spec/preserveUnknownFields", "true")),
                        inv("spec.preserveUnknownFields", "true",
                                "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead")),
                row("preserveUnknownFields forbids defaults and conversion", edits(set("/spec/preserveUnknownFields", "true"),
                                set("/spec/versions/0/schema/openAPIV3Schema", "{type: object, properties: {spec: {type: object, default: {}}}}"),
                                set("/spec/conversion", "{strategy: Webhook, webhook: {clientConfig: {url: 'https://hooks'}, conversionReviewVersions: [v1]}}")),
                        inv("spec.preserveUnknownFields", "true", "must be false in order to use defaults in the schema"),
                        inv("spec.conversion.strategy", "\"Webhook\"", "must be None if spec.preserveUnknownFields is true"),
                        inv("spec.preserveUnknownFields", "true",
                                "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsWhatKubeReports(Row row) {
        ObjectNode crd = yaml(BASE);
        row.edits().forEach(e -> e.accept(crd));
        RULES.applyDefaults(crd);
        assertThat(RULES.validate(crd)).containsExactlyElementsOf(row.causes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void accepts(String name, List<Consumer<ObjectNode>> edits) {
        ObjectNode crd = yaml(BASE);
        edits.forEach(e -> e.accept(crd));
        RULES.applyDefaults(crd);
        assertThat(RULES.validate(crd)).isEmpty();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> valid() {
        return Stream.of(
                args("the base definition", edits()),
                args("cluster scoped, several versions", edits(set("/spec/scope", "Cluster"),
                        addVersion("{name: v2beta1, served: false, storage: false, deprecated: true, deprecationWarning: 'use v1',"
                                + " schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}"))),
                args("subresources and columns", edits(set("/spec/versions/0/subresources",
                                "{status: {}, scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .status.selector}}"),
                        set("/spec/versions/0/additionalPrinterColumns",
                                "[{name: Replicas, type: integer, format: int32, jsonPath: .spec.replicas, priority: 1}, {name: Age, type: date, jsonPath: .metadata.creationTimestamp}]"))),
                args("webhook conversion by service", edits(set("/spec/conversion",
                        "{strategy: Webhook, webhook: {clientConfig: {service: {namespace: sys, name: conv, path: /convert}}, conversionReviewVersions: [v1, v1beta1]}}"))),
                args("webhook conversion by URL", edits(set("/spec/conversion",
                        "{strategy: Webhook, webhook: {clientConfig: {url: 'https://hooks.example.com:8443/convert'}, conversionReviewVersions: [v1]}}"))),
                args("approved protected group", edits(set("/spec/group", "things.k8s.io"), set("/metadata/name", "widgets.things.k8s.io"),
                        set("/metadata/annotations", "{api-approved.kubernetes.io: 'https://github.com/kubernetes/enhancements/pull/1111'}"))),
                args("unapproved protected group", edits(set("/spec/group", "things.k8s.io"), set("/metadata/name", "widgets.things.k8s.io"),
                        set("/metadata/annotations", "{api-approved.kubernetes.io: 'unapproved, experimental only'}"))));
    }

    @Test
    void defaultsNamesConversionAndStatus() {
        ObjectNode crd = yaml(BASE);
        crd.withArray("/spec/versions").add(yaml("{name: v2, schema: {openAPIV3Schema: {type: object}}}"));
        RULES.applyDefaults(crd);
        assertThat(crd.at("/spec/names").toString()).isEqualTo("{\"plural\":\"widgets\",\"kind\":\"Widget\",\"singular\":\"widget\",\"listKind\":\"WidgetList\"}");
        assertThat(crd.at("/spec/conversion").toString()).isEqualTo("{\"strategy\":\"None\"}");
        assertThat(crd.at("/spec/versions/1/served").asBoolean(true)).isFalse();
        assertThat(crd.at("/spec/versions/1/storage").isBoolean()).isTrue();
        assertThat(crd.at("/status").toString()).isEqualTo("{\"acceptedNames\":{\"plural\":\"\",\"kind\":\"\"},\"storedVersions\":[\"v1\"]}");
    }

    @Test
    void defaultsKeepWhatIsSet() {
        ObjectNode crd = yaml(BASE);
        set("/spec/names", "{plural: widgets, singular: gizmo, kind: Widget, listKind: Widgets}").accept(crd);
        set("/spec/conversion", "{strategy: Webhook, webhook: {clientConfig: {service: {namespace: a, name: b}}, conversionReviewVersions: [v1]}}").accept(crd);
        RULES.applyDefaults(crd);
        assertThat(crd.at("/spec/names/singular").asText()).isEqualTo("gizmo");
        assertThat(crd.at("/spec/names/listKind").asText()).isEqualTo("Widgets");
        assertThat(crd.at("/spec/conversion/strategy").asText()).isEqualTo("Webhook");
        assertThat(crd.at("/spec/conversion/webhook/clientConfig/service/port").asInt()).isEqualTo(443);
    }

    @Test
    void schemasAreCheckedWhereKubeReportsThem() {
        List<String> seen = new ArrayList<>();
        CustomResourceDefinitionRules rules = new CustomResourceDefinitionRules((schema, path) -> {
            seen.add(path + "=" + schema.path("type").asText());
            return List.of(Cause.required(path + ".type"));
        });
        ObjectNode shared = yaml(BASE);
        addVersion("{name: v2, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}").accept(shared);
        rules.applyDefaults(shared);
        assertThat(rules.validate(shared)).containsExactly(req("spec.validation.openAPIV3Schema.type"));
        assertThat(CustomResourceDefinitionRules.schemaPath(shared, 1)).isEqualTo("spec.validation.openAPIV3Schema");

        seen.clear();
        ObjectNode distinct = shared.deepCopy();
        set("/spec/versions/1/schema/openAPIV3Schema", "{type: array}").accept(distinct);
        assertThat(rules.validate(distinct)).containsExactly(req("spec.versions[0].schema.openAPIV3Schema.type"),
                req("spec.versions[1].schema.openAPIV3Schema.type"));
        assertThat(seen).containsExactly("spec.versions[0].schema.openAPIV3Schema=object", "spec.versions[1].schema.openAPIV3Schema=array");
        assertThat(CustomResourceDefinitionRules.schemaPath(distinct, 1)).isEqualTo("spec.versions[1].schema.openAPIV3Schema");
    }

    @Test
    void groupAndPluralNeverChange() {
        ObjectNode old = defaulted();
        ObjectNode updated = old.deepCopy();
        set("/spec/group", "example.org").accept(updated);
        set("/spec/names/plural", "gadgets").accept(updated);
        assertThat(RULES.validateUpdate(old, updated)).containsExactly(
                inv("spec.group", "\"example.org\"", "field is immutable"), inv("spec.names.plural", "\"gadgets\"", "field is immutable"));
    }

    @Test
    void scopeAndKindChangeOnlyUntilEstablished() {
        ObjectNode old = defaulted();
        ObjectNode updated = old.deepCopy();
        set("/spec/scope", "Cluster").accept(updated);
        set("/spec/names/kind", "Gadget").accept(updated);
        assertThat(RULES.validateUpdate(old, updated)).isEmpty();
        set("/status/conditions", "[{type: NamesAccepted, status: 'True'}, {type: Established, status: 'True'}]").accept(old);
        assertThat(RULES.validateUpdate(old, updated)).containsExactly(
                inv("spec.scope", "\"Cluster\"", "field is immutable"), inv("spec.names.kind", "\"Gadget\"", "field is immutable"));
    }

    @Test
    void aNewStorageVersionIsRecordedAndOldOnesMustStay() {
        ObjectNode old = defaulted();
        ObjectNode updated = old.deepCopy();
        set("/spec/versions/0/storage", "false").accept(updated);
        addVersion("{name: v2, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}").accept(updated);
        RULES.applyDefaults(updated);
        RULES.prepareForUpdate(old, updated);
        assertThat(updated.at("/status/storedVersions").toString()).isEqualTo("[\"v1\",\"v2\"]");
        assertThat(RULES.validate(updated)).isEmpty();

        ((ArrayNode) updated.at("/spec/versions")).remove(0);
        assertThat(RULES.validate(updated)).extracting(Cause::field).containsExactly("status.storedVersions[0]");
    }

    static ObjectNode defaulted() {
        ObjectNode crd = yaml(BASE);
        RULES.applyDefaults(crd);
        return crd;
    }

    static Row row(String name, List<Consumer<ObjectNode>> edits, Cause... causes) {
        return new Row(name, edits, Arrays.asList(causes));
    }

    static org.junit.jupiter.params.provider.Arguments args(String name, List<Consumer<ObjectNode>> edits) {
        return org.junit.jupiter.params.provider.Arguments.of(name, edits);
    }

    @SafeVarargs
    static List<Consumer<ObjectNode>> edits(Consumer<ObjectNode>... edits) {
        return List.of(edits);
    }

    /** Sets the value at a JSON pointer, parsing it as YAML (a scalar, list or map). */
    static Consumer<ObjectNode> set(String pointer, String yamlValue) {
        return crd -> {
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode value = yamlValue.isEmpty() ? null : yaml("v: " + yamlValue).get("v");
            ObjectNode parent = p.head().matches() ? crd : crd.withObject(p.head());
            parent.set(p.last().getMatchingProperty(), value);
        };
    }

    static Consumer<ObjectNode> remove(String pointer) {
        return crd -> {
            JsonPointer p = JsonPointer.compile(pointer);
            ((ObjectNode) crd.at(p.head())).remove(p.last().getMatchingProperty());
        };
    }

    static Consumer<ObjectNode> addVersion(String yamlVersion) {
        return crd -> crd.withArray("/spec/versions").add(yaml("v: " + yamlVersion).get("v"));
    }

    static Cause inv(String field, String rendered, String why) {
        return new Cause("FieldValueInvalid", field, "Invalid value: " + rendered + ": " + why);
    }

    static Cause req(String field) {
        return Cause.required(field);
    }

    static Cause req(String field, String why) {
        return Cause.required(field, why);
    }

    static Cause forbidden(String field, String why) {
        return Cause.forbidden(field, why);
    }
}

package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.selectors.FieldSelector;
import dev.podium.model.validation.Defaulter;
import dev.podium.model.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class JobRulesTest {
    static final KindFixtures JOB = KindFixtures.of("Job.batch");
    static final String POD = "containers: [{name: c, image: busybox}]";
    static final String NEVER = "{template: {spec: {restartPolicy: Never, " + POD + "}}";

    static String job(String spec) {
        return "metadata: {name: pi, namespace: d, uid: u1}\nspec: " + spec;
    }

    /** What the entity does on create: default, generate the selector, validate. */
    static ObjectNode prepared(String yaml) {
        ObjectNode job = JOB.defaulted(yaml);
        JobSelectors.generate(job);
        return job;
    }

    static List<String> create(String yaml) {
        return render(Validator.forCreate(JOB.kind(), prepared(yaml)));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{}                                          | /spec/completions          | 1",
            "{}                                          | /spec/parallelism          | 1",
            "{parallelism: 3}                            | /spec/completions          | ",
            "{completions: 5}                            | /spec/parallelism          | 1",
            "{}                                          | /spec/backoffLimit         | 6",
            "{backoffLimitPerIndex: 1}                   | /spec/backoffLimit         | 2147483647",
            "{}                                          | /spec/completionMode       | 'NonIndexed'",
            "{}                                          | /spec/suspend              | false",
            "{}                                          | /spec/podReplacementPolicy | 'TerminatingOrFailed'",
            "{podFailurePolicy: {rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}} | /spec/podReplacementPolicy | 'Failed'",
            "{podFailurePolicy: {rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}} | /spec/podFailurePolicy/rules/0/onPodConditions/0 | {'type':'DisruptionTarget','status':'True'}",
            "{}                                          | /spec/manualSelector       | false",
            "{}                                          | /spec/template/spec/restartPolicy | 'Always'",
            "{template: {metadata: {labels: {app: pi}}}} | /metadata/labels           | {'app':'pi'}",
            "{}                                          | /metadata/labels           | ",
    })
    void defaults(String spec, String pointer, String expected) {
        ObjectNode j = JOB.defaulted(job(spec));
        assertThat(j.at(pointer).isMissingNode() ? "" : j.at(pointer).toString()).isEqualTo(expected == null ? "" : expected.replace('\'', '"'));
    }

    @Test
    void ownLabelsAreNotReplacedByTheTemplates() {
        ObjectNode j = JOB.defaulted("metadata: {name: pi, namespace: d, labels: {team: a}}\nspec: {template: {metadata: {labels: {app: pi}}}}");
        assertThat(j.at("/metadata/labels").toString()).isEqualTo("{\"team\":\"a\"}");
    }

    @Test
    void generatedSelectorAndLabels() {
        ObjectNode j = prepared(job("{template: {metadata: {labels: {app: pi}}, spec: {restartPolicy: Never, " + POD + "}}}"));
        assertThat(j.at("/spec/template/metadata/labels").toString()).isEqualTo("{\"app\":\"pi\",\"batch.kubernetes.io/controller-uid\":\"u1\","
                + "\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"u1\",\"job-name\":\"pi\"}");
        assertThat(j.at("/spec/selector").toString()).isEqualTo("{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"u1\"}}");
        // defaulting copied the template labels to the job: in kube the same map, so the job gets the generated ones too
        assertThat(j.at("/metadata/labels")).isEqualTo(j.at("/spec/template/metadata/labels"));

        ObjectNode own = prepared("metadata: {name: pi, namespace: d, uid: u1, labels: {team: a}}\nspec: " + NEVER + "}");
        assertThat(own.at("/metadata/labels").toString()).isEqualTo("{\"team\":\"a\"}");
        assertThat(own.at("/spec/template/metadata/labels").size()).isEqualTo(4);

        ObjectNode manual = prepared(job("{manualSelector: true, selector: {matchLabels: {app: pi}}, template: {metadata: {labels: {app: pi}}}}"));
        assertThat(manual.at("/spec/template/metadata/labels").toString()).isEqualTo("{\"app\":\"pi\"}");
        assertThat(manual.at("/spec/selector").toString()).isEqualTo("{\"matchLabels\":{\"app\":\"pi\"}}");
    }

    static Stream<Arguments> invalid() {
        String restart = "spec.template.spec.restartPolicy";
        return Stream.of(
                Arguments.of(NEVER + "}", List.of()),
                Arguments.of("{template: {spec: {restartPolicy: OnFailure, " + POD + "}}}", List.of()),
                Arguments.of("{template: {spec: {" + POD + "}}}", List.of(restart + ": Required value: valid values: \"OnFailure\", \"Never\"")),
                Arguments.of("{template: {spec: {restartPolicy: Sometimes, " + POD + "}}}", List.of(
                        restart + ": Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                        restart + ": Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\"")),
                Arguments.of("{podFailurePolicy: {rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]}, "
                        + "template: {spec: {restartPolicy: OnFailure, " + POD + "}}}",
                        List.of(restart + ": Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified")),
                Arguments.of("{podFailurePolicy: {rules: [{action: Panic, onExitCodes: {operator: Is, containerName: d, values: [0]}}, {}]}, "
                        + "template: {spec: {restartPolicy: Never, " + POD + "}}}", List.of(
                        "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Panic\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\"",
                        "spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: \"Is\": supported values: \"In\", \"NotIn\"",
                        "spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"d\": must be one of the container or initContainer names in the pod template",
                        "spec.podFailurePolicy.rules[1].action: Required value: valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
                        "spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required")),
                Arguments.of("{completionMode: Random, " + NEVER.substring(1) + "}",
                        List.of("spec.completionMode: Unsupported value: \"Random\": supported values: \"NonIndexed\", \"Indexed\"")),
                Arguments.of("{completionMode: Indexed, parallelism: 2, " + NEVER.substring(1) + "}",
                        List.of("spec.completions: Required value: when completion mode is Indexed")),
                Arguments.of("{completionMode: Indexed, completions: 3, maxFailedIndexes: 1, " + NEVER.substring(1) + "}",
                        List.of("spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified")),
                Arguments.of("{backoffLimitPerIndex: 1, " + NEVER.substring(1) + "}",
                        List.of("spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode")),
                Arguments.of("{parallelism: -1, completions: -1, backoffLimit: -1, activeDeadlineSeconds: -1, ttlSecondsAfterFinished: -1, "
                        + NEVER.substring(1) + "}", List.of(
                        "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
                        "spec.completions: Invalid value: -1: must be greater than or equal to 0",
                        "spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                        "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
                        "spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{podReplacementPolicy: Sometimes, " + NEVER.substring(1) + "}",
                        List.of("spec.podReplacementPolicy: Unsupported value: \"Sometimes\": supported values: \"Failed\", \"TerminatingOrFailed\"")),
                Arguments.of("{selector: {matchLabels: {app: pi}}, template: {metadata: {labels: {app: pi}}, spec: {restartPolicy: Never, " + POD + "}}}",
                        List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"pi\", "
                                + "\"batch.kubernetes.io/controller-uid\":\"u1\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated")),
                Arguments.of("{template: {metadata: {labels: {job-name: other}}, spec: {restartPolicy: Never, " + POD + "}}}",
                        List.of("spec.template.metadata.labels[job-name]: Invalid value: map[string]string{\"batch.kubernetes.io/controller-uid\":\"u1\", "
                                + "\"batch.kubernetes.io/job-name\":\"pi\", \"controller-uid\":\"u1\", \"job-name\":\"other\"}: must be 'pi'")),
                Arguments.of("{manualSelector: true, selector: {matchLabels: {app: pi}}, template: {metadata: {labels: {app: pi}}, spec: {restartPolicy: Never, "
                        + POD + "}}}", List.of()),
                Arguments.of("{manualSelector: true, template: {metadata: {labels: {app: pi}}, spec: {restartPolicy: Never, " + POD + "}}}", List.of(
                        "spec.selector: Required value",
                        "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"pi\"}: `selector` does not match template `labels`")),
                Arguments.of("{manualSelector: true, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: pi}}, spec: {restartPolicy: Never, "
                        + POD + "}}}", List.of(
                        "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"pi\"}: `selector` does not match template `labels`")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void validation(String spec, List<String> expected) {
        assertThat(create(job(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void validationExpectsTheGeneratedSelector() {
        ObjectNode notGenerated = JOB.defaulted(job(NEVER + "}"));
        assertThat(render(Validator.forCreate(JOB.kind(), notGenerated))).containsExactly("spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`");
        ObjectNode noUid = prepared("metadata: {name: pi, namespace: d}\nspec: " + NEVER + "}");
        assertThat(render(Validator.forCreate(JOB.kind(), noUid))).containsExactly("metadata.uid: Required value");
    }

    @Test
    void indexedPodHostnamesMustBeDnsLabels() {
        String indexed = "{completionMode: Indexed, completions: 10, " + NEVER.substring(1) + "}";
        assertThat(create(job(indexed))).isEmpty();
        assertThat(create("metadata: {name: pi.v1, namespace: d, uid: u1}\nspec: " + indexed))
                .containsExactly("metadata.name: Invalid value: \"pi.v1\": will not able to create pod with invalid DNS label: pi.v1-9");
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("parallelism and suspend", (Consumer<ObjectNode>) j -> j.with("spec").put("parallelism", 4).put("suspend", true), List.of()),
                Arguments.of("completions", (Consumer<ObjectNode>) j -> j.with("spec").put("completions", 3),
                        List.of("spec.completions: Invalid value: 3: field is immutable")),
                Arguments.of("image", (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/spec/template/spec/containers/0")).put("image", "busybox:2"), List.of("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable")),
                Arguments.of("nodeSelector of a running job", (Consumer<ObjectNode>) j -> j.with("spec").with("template").with("spec")
                        .putObject("nodeSelector").put("zone", "a"), List.of("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable")),
                Arguments.of("selector", (Consumer<ObjectNode>) j -> j.with("spec").with("selector").with("matchLabels").put("x", "y"), List.of(
                        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"batch.kubernetes.io/controller-uid\":\"u1\", "
                                + "\"x\":\"y\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
                        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"batch.kubernetes.io/controller-uid\":\"u1\", "
                                + "\"x\":\"y\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated",
                        "spec.template.metadata.labels: Invalid value: map[string]string{\"batch.kubernetes.io/controller-uid\":\"u1\", "
                                + "\"batch.kubernetes.io/job-name\":\"pi\", \"controller-uid\":\"u1\", \"job-name\":\"pi\"}: `selector` does not match template `labels`")),
                Arguments.of("completionMode", (Consumer<ObjectNode>) j -> j.with("spec").put("completionMode", "Indexed"),
                        List.of("spec.completionMode: Invalid value: \"Indexed\": field is immutable")),
                Arguments.of("backoffLimitPerIndex", (Consumer<ObjectNode>) j -> j.with("spec").put("backoffLimitPerIndex", 2), List.of(
                        "spec.backoffLimitPerIndex: Invalid value: 2: field is immutable",
                        "spec.backoffLimitPerIndex: Invalid value: 2: requires indexed completion mode")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("updates")
    void immutableSpec(String what, Consumer<ObjectNode> change, List<String> expected) {
        assertThat(update(prepared(job(NEVER + "}")), change)).containsExactlyElementsOf(expected);
    }

    @Test
    void indexedCompletionsChangeWithParallelism() {
        ObjectNode old = prepared(job("{completionMode: Indexed, completions: 3, parallelism: 3, " + NEVER.substring(1) + "}"));
        assertThat(update(old, j -> j.with("spec").put("completions", 4).put("parallelism", 4))).isEmpty();
        assertThat(update(old, j -> j.with("spec").put("completions", 4)))
                .containsExactly("spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism");
    }

    @Test
    void aSuspendedJobThatNeverRanMayChangeWhereItRuns() {
        ObjectNode suspended = prepared(job("{suspend: true, " + NEVER.substring(1) + "}"));
        Consumer<ObjectNode> schedule = j -> {
            ObjectNode spec = j.with("spec").with("template").with("spec");
            spec.putObject("nodeSelector").put("zone", "a");
            spec.putArray("tolerations").addObject().put("operator", "Exists");
            spec.putObject("affinity").putObject("nodeAffinity");
            j.with("spec").with("template").with("metadata").with("annotations").put("a", "b");
        };
        assertThat(update(suspended, schedule)).isEmpty();
        assertThat(update(suspended, j -> j.with("spec").with("template").with("spec").put("hostname", "h")))
                .containsExactly("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable");
        ObjectNode started = suspended.deepCopy();
        started.with("status").put("startTime", "2024-01-01T00:00:00Z");
        assertThat(update(started, schedule)).containsExactly("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable");
    }

    @Test
    void succeededFieldSelector() {
        assertThat(FieldSelector.parse("status.successful=2").matches(JOB.kind(), yaml("metadata: {name: pi}\nstatus: {succeeded: 2}"))).isTrue();
        assertThat(FieldSelector.parse("status.successful=0").matches(JOB.kind(), yaml("metadata: {name: pi}"))).isTrue();
    }

    static List<String> update(ObjectNode old, Consumer<ObjectNode> change) {
        ObjectNode neu = old.deepCopy();
        change.accept(neu);
        Defaulter.applyForUpdate(JOB.kind(), old, neu);
        return render(Validator.forUpdate(JOB.kind(), old, neu));
    }
}

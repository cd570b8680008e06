package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.admission.policy.PolicyFixtures.DEPLOYMENTS;
import static dev.podium.model.admission.policy.PolicyFixtures.binding;
import static dev.podium.model.admission.policy.PolicyFixtures.createDeployment;
import static dev.podium.model.admission.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** Evaluating a policy through its binding: denials, warnings and audits, their messages, codes and failure policy. */
class PolicyDecisionsTest {
    static final String DENIED = "ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas-binding' denied request: ";

    static PolicyDecisions decide(String validations, String actions, int replicas) {
        return decideSpec(DEPLOYMENTS + ", validations: [" + validations + "]", actions, replicas);
    }

    static PolicyDecisions decideSpec(String spec, String actions, int replicas) {
        ObjectNode p = policy("max-replicas", spec);
        ObjectNode b = binding("max-replicas-binding", "policyName: max-replicas, validationActions: " + actions);
        return PolicyDecisions.evaluate(List.of(p), List.of(b), ParamSource.none(), createDeployment(replicas));
    }

    @Test
    void aPassingValidationDecidesNothing() {
        assertThat(decide("{expression: 'object.spec.replicas <= 5'}", "[Deny]", 3).outcomes()).isEmpty();
    }

    @Test
    void aFailingValidationIsDeniedAsKubeAnswers() {
        PolicyDecisions decisions = decide("{expression: 'object.spec.replicas <= 5'}", "[Deny]", 6);
        String message = DENIED + "failed expression: object.spec.replicas <= 5";
        assertThat(decisions.outcomes()).singleElement().isInstanceOfSatisfying(PolicyOutcome.Deny.class, d -> {
            assertThat(d.policy()).isEqualTo("max-replicas");
            assertThat(d.binding()).isEqualTo("max-replicas-binding");
            assertThat(d.message()).isEqualTo(message);
        });
        ApiError error = decisions.denial().orElseThrow();
        assertThat(error.code()).isEqualTo(422);
        assertThat(error.reason()).isEqualTo("Invalid");
        assertThat(error.message()).isEqualTo("deployments.apps \"web\" is forbidden: " + message);
        assertThat(error.details().group()).isEqualTo("apps");
        assertThat(error.details().kind()).isEqualTo("deployments");
        assertThat(error.details().name()).isEqualTo("web");
        assertThat(error.details().causes()).singleElement().satisfies(c -> {
            assertThat(c.message()).isEqualTo(message);
            assertThat(c.reason()).isNull();
            assertThat(c.field()).isNull();
        });
    }

    @ParameterizedTest
    @CsvSource({"Forbidden, 403", "Invalid, 422", "RequestEntityTooLarge, 413", "Unauthorized, 401"})
    void theReasonSetsTheCode(String reason, int code) {
        ApiError error = decide("{expression: 'false', reason: " + reason + "}", "[Deny]", 1).denial().orElseThrow();
        assertThat(error.reason()).isEqualTo(reason);
        assertThat(error.code()).isEqualTo(code);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("{expression: '  object.spec.replicas <= 5 '}", "failed expression: object.spec.replicas <= 5"),
                Arguments.of("{expression: 'object.spec.replicas <= 5', message: ' too many replicas '}", "too many replicas"),
                Arguments.of("{expression: 'object.spec.replicas <= 5', message: too many, messageExpression: \"'replicas: ' + string(object.spec.replicas)\"}",
                        "replicas: 6"),
                Arguments.of("{expression: 'object.spec.replicas <= 5', message: too many, messageExpression: \"'x' + object.spec.missing\"}", "too many"),
                Arguments.of("{expression: 'object.spec.replicas <= 5', message: too many, messageExpression: \"'  '\"}", "too many"),
                Arguments.of("{expression: 'object.spec.replicas <= 5', message: too many, messageExpression: \"'two\\\\nlines'\"}", "too many"),
                Arguments.of("{expression: 'object.spec.replicas <= 5', messageExpression: \"'" + "a".repeat(6000) + "'\"}",
                        "failed expression: object.spec.replicas <= 5"));
    }

    @ParameterizedTest
    @MethodSource
    void messages(String validation, String expected) {
        assertThat(decide(validation, "[Deny]", 6).outcomes()).singleElement()
                .isInstanceOfSatisfying(PolicyOutcome.Deny.class, d -> assertThat(d.message()).isEqualTo(DENIED + expected));
    }

    @Test
    void warnAndAuditActionsDoNotDeny() {
        PolicyDecisions warned = decide("{expression: 'object.spec.replicas <= 5', message: too many}", "[Warn]", 6);
        assertThat(warned.denial()).isEmpty();
        assertThat(warned.warnings()).containsExactly(
                "Validation failed for ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas-binding': too many");

        PolicyDecisions audited = decide("{expression: 'true'}, {expression: 'object.spec.replicas <= 5', message: too many}", "[Audit]", 6);
        assertThat(audited.denial()).isEmpty();
        assertThat(audited.outcomes()).singleElement().isInstanceOfSatisfying(PolicyOutcome.Audit.class, a -> {
            assertThat(a.expressionIndex()).isEqualTo(1);
            assertThat(a.message()).isEqualTo("too many");
        });
        assertThat(audited.auditAnnotations()).containsExactly(java.util.Map.entry("validation.policy.admission.k8s.io/validation_failure",
                "[{\"message\":\"too many\",\"policy\":\"max-replicas\",\"binding\":\"max-replicas-binding\",\"expressionIndex\":1,"
                        + "\"validationActions\":[\"Audit\"]}]"));
    }

    @Test
    void denyAndAuditTogetherDoBoth() {
        assertThat(decide("{expression: 'false'}", "[Deny, Audit]", 1).outcomes())
                .hasExactlyElementsOfTypes(PolicyOutcome.Deny.class, PolicyOutcome.Audit.class);
    }

    @Test
    void everyFailedValidationIsReportedButTheFirstDenialAnswers() {
        PolicyDecisions decisions = decide("{expression: 'false', message: first, reason: Forbidden}, {expression: 'false', message: second}", "[Deny]", 1);
        assertThat(decisions.outcomes()).hasSize(2);
        assertThat(decisions.denial().orElseThrow().message()).endsWith("denied request: first");
        assertThat(decisions.denial().orElseThrow().code()).isEqualTo(403);
    }

    @ParameterizedTest
    @CsvSource({"Fail, true", "Ignore, false"})
    void evaluationErrorsFollowTheFailurePolicy(String failurePolicy, boolean denied) {
        PolicyDecisions decisions = decideSpec("failurePolicy: " + failurePolicy + ", " + DEPLOYMENTS
                + ", validations: [{expression: 'object.spec.missing == 1', message: never shown, reason: Forbidden}]", "[Deny]", 1);
        assertThat(decisions.denial().isPresent()).isEqualTo(denied);
        if (denied) {
            ApiError error = decisions.denial().orElseThrow();
            assertThat(error.message()).endsWith(DENIED + "expression 'object.spec.missing == 1' resulted in error: no such key: missing");
            assertThat(error.code()).as("errors carry no reason: Invalid").isEqualTo(422);
        }
    }

    @Test
    void evaluationErrorsFollowTheBindingsActions() {
        assertThat(decide("{expression: 'object.spec.missing == 1'}", "[Warn]", 1).warnings()).containsExactly(
                "Validation failed for ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas-binding': "
                        + "expression 'object.spec.missing == 1' resulted in error: no such key: missing");
    }

    @Test
    void aDeleteHasNoObjectToNameSoKubeSaysUnknown() {
        ObjectNode p = policy("no-deletes", "matchConstraints: {resourceRules: [{operations: [DELETE], apiGroups: [apps], apiVersions: [v1], "
                + "resources: [deployments]}]}, validations: [{expression: 'oldObject.metadata.name != \"web\"', reason: Forbidden}]");
        ObjectNode b = binding("no-deletes", "policyName: no-deletes, validationActions: [Deny]");
        PolicyRequest create = createDeployment(1);
        PolicyRequest delete = new PolicyRequest(PolicyRequest.Operation.DELETE, "apps", "v1", "deployments", "", "Deployment", "web", "team",
                null, create.object(), create.namespaceObject(), false, create.userInfo());
        ApiError error = PolicyDecisions.evaluate(List.of(p), List.of(b), ParamSource.none(), delete).denial().orElseThrow();
        assertThat(error.message()).isEqualTo("deployments.apps \"Unknown\" is forbidden: ValidatingAdmissionPolicy 'no-deletes' with binding "
                + "'no-deletes' denied request: failed expression: oldObject.metadata.name != \"web\"");
        assertThat(error.code()).isEqualTo(403);
    }

    @Test
    void auditAnnotationsArePublishedUnderThePolicysName() {
        PolicyDecisions decisions = decideSpec(DEPLOYMENTS + ", auditAnnotations: [{key: replicas, valueExpression: 'string(object.spec.replicas)'}, "
                + "{key: none, valueExpression: 'null'}, {key: blank, valueExpression: \"' '\"}]", "[Deny]", 6);
        assertThat(decisions.auditAnnotations()).containsExactly(java.util.Map.entry("max-replicas/replicas", "6"));
        assertThat(decisions.denial()).isEmpty();
    }

    @Test
    void anAuditAnnotationErrorDeniesUnderFail() {
        PolicyDecisions decisions = decideSpec(DEPLOYMENTS + ", auditAnnotations: [{key: x, valueExpression: 'string(object.spec.missing)'}]", "[Audit]", 6);
        assertThat(decisions.denial().orElseThrow().message())
                .endsWith(DENIED + "expression 'string(object.spec.missing)' resulted in error: no such key: missing");
    }
}

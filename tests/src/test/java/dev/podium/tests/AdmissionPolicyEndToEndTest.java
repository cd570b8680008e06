package dev.podium.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ValidatingAdmissionPolicies with their bindings, CEL and params, driven by kubectl. */
class AdmissionPolicyEndToEndTest {
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void aBoundPolicyDeniesWarnsAndReadsItsParams() throws Exception {
        kubectl.run("create", "namespace", "guarded").ok();
        kubectl.run("label", "namespace", "guarded", "policy=on").ok();
        kubectl.run("-n", "guarded", "create", "configmap", "limits", "--from-literal=maxKeys=2").ok();
        kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: few-keys}
                spec:
                  failurePolicy: Fail
                  paramKind: {apiVersion: v1, kind: ConfigMap}
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [configmaps]}
                  validations:
                  - expression: "!has(object.data) || size(object.data) <= int(params.data.maxKeys)"
                    messageExpression: "'at most ' + params.data.maxKeys + ' keys, not ' + string(size(object.data))"
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: few-keys-in-guarded}
                spec:
                  policyName: few-keys
                  validationActions: [Deny]
                  paramRef: {name: limits, namespace: guarded, parameterNotFoundAction: Deny}
                  matchResources:
                    namespaceSelector: {matchLabels: {policy: "on"}}
                """, "apply", "-f", "-").ok();
        assertThat(kubectl.run("get", "validatingadmissionpolicies").ok().out()).containsPattern("few-keys\\s+1\\s+v1/ConfigMap\\s");
        assertThat(kubectl.run("get", "validatingadmissionpolicybindings").ok().out()).containsPattern("few-keys-in-guarded\\s+few-keys\\s+guarded/limits\\s");

        Kubectl.Result denied = kubectl.run("-n", "guarded", "create", "configmap", "big", "--from-literal=a=1", "--from-literal=b=2", "--from-literal=c=3");
        assertThat(denied.exit()).isNotZero();
        assertThat(denied.err()).contains("ValidatingAdmissionPolicy 'few-keys' with binding 'few-keys-in-guarded' denied request: at most 2 keys, not 3");
        assertThat(kubectl.run("-n", "guarded", "get", "configmap", "big").exit()).as("nothing stored").isNotZero();
        kubectl.run("-n", "guarded", "create", "configmap", "small", "--from-literal=a=1").ok();
        kubectl.run("create", "configmap", "big", "--from-literal=a=1", "--from-literal=b=2", "--from-literal=c=3").ok();

        kubectl.run("-n", "guarded", "patch", "configmap", "limits", "--type=merge", "-p", "{\"data\":{\"maxKeys\":\"3\"}}").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> kubectl.run("-n", "guarded", "create", "configmap", "big", "--from-literal=a=1",
                "--from-literal=b=2", "--from-literal=c=3").exit() == 0);

        kubectl.run("patch", "validatingadmissionpolicybinding", "few-keys-in-guarded", "--type=merge", "-p", "{\"spec\":{\"validationActions\":[\"Warn\"]}}").ok();
        Kubectl.Result warned = kubectl.run("-n", "guarded", "create", "configmap", "bigger", "--from-literal=a=1", "--from-literal=b=2",
                "--from-literal=c=3", "--from-literal=d=4");
        assertThat(warned.exit()).isZero();
        assertThat(warned.err()).contains("Warning: Validation failed for ValidatingAdmissionPolicy 'few-keys' with binding 'few-keys-in-guarded': at most 3 keys, not 4");
    }

    @Test
    void anInvalidPolicyOrBindingIsRefused() throws Exception {
        Kubectl.Result policy = kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: broken}
                spec:
                  matchConstraints: {resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]}
                  validations: [{expression: "object.spec.containers.all(c, "}]
                """, "apply", "-f", "-");
        assertThat(policy.exit()).isNotZero();
        assertThat(policy.err()).contains("The ValidatingAdmissionPolicy \"broken\" is invalid").contains("spec.validations[0].expression")
                .contains("compilation failed");
        Kubectl.Result binding = kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: broken}
                spec: {policyName: x, validationActions: [Deny, Warn]}
                """, "apply", "-f", "-");
        assertThat(binding.exit()).isNotZero();
        assertThat(binding.err()).contains("spec.validationActions").contains("must not contain both Deny and Warn");
    }
}

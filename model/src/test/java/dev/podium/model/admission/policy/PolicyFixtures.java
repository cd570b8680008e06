package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;

import java.util.List;
import java.util.Optional;

/** Policies, bindings and requests written as YAML flow mappings, defaulted as the API server would. */
final class PolicyFixtures {
    static final ValidatingAdmissionPolicyRules POLICY_RULES = new ValidatingAdmissionPolicyRules();
    static final ValidatingAdmissionPolicyBindingRules BINDING_RULES = new ValidatingAdmissionPolicyBindingRules();
    static final String DEPLOYMENTS = "matchConstraints: {resourceRules: [{operations: [CREATE, UPDATE], apiGroups: [apps], "
            + "apiVersions: [v1], resources: [deployments]}]}";

    private PolicyFixtures() {}

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode policy(String name, String spec) {
        ObjectNode p = yaml("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: " + name + "}\nspec: {"
                + spec + "}");
        POLICY_RULES.applyDefaults(p);
        return p;
    }

    static ObjectNode binding(String name, String spec) {
        ObjectNode b = yaml("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: " + name + "}\nspec: {"
                + spec + "}");
        BINDING_RULES.applyDefaults(b);
        return b;
    }

    static List<String> rendered(List<Cause> causes) {
        return causes.stream().map(c -> c.field() + ": " + c.message()).toList();
    }

    static ObjectNode deployment(String name, String namespace, int replicas, String labels) {
        return yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: " + name + ", namespace: " + namespace
                + ", labels: {" + labels + "}}, spec: {replicas: " + replicas + "}}");
    }

    static ObjectNode namespace(String name, String labels) {
        return yaml("{apiVersion: v1, kind: Namespace, metadata: {name: " + name + ", labels: {" + labels + "}}, spec: {finalizers: [kubernetes]}, "
                + "status: {phase: Active}}");
    }

    /** A CREATE of {@code object}, a Deployment in namespace "team" labelled env=prod, by alice. */
    static PolicyRequest create(ObjectNode object) {
        return new PolicyRequest(PolicyRequest.Operation.CREATE, "apps", "v1", "deployments", "", "Deployment",
                object.path("metadata").path("name").asText(), object.path("metadata").path("namespace").asText(), object, null,
                namespace("team", "env: prod"), false, new PolicyRequest.UserInfo("alice", List.of("dev", "system:authenticated")));
    }

    static PolicyRequest createDeployment(int replicas) {
        return create(deployment("web", "team", replicas, "app: web"));
    }

    /** Params served as ConfigMaps (namespaced) and ClusterParams (example.com/v1, cluster-scoped). */
    static ParamSource params(ObjectNode... objects) {
        return new ParamSource() {
            @Override
            public Optional<Scope> scope(String apiVersion, String kind) {
                if (apiVersion.equals("v1") && kind.equals("ConfigMap")) return Optional.of(Scope.NAMESPACED);
                if (apiVersion.equals("example.com/v1") && kind.equals("ClusterParams")) return Optional.of(Scope.CLUSTER);
                return Optional.empty();
            }

            @Override
            public List<ObjectNode> list(String apiVersion, String kind, String namespace) {
                return List.of(objects).stream()
                        .filter(o -> o.path("kind").asText(kind).equals(kind))
                        .filter(o -> namespace == null || namespace.equals(o.path("metadata").path("namespace").asText()))
                        .toList();
            }
        };
    }
}

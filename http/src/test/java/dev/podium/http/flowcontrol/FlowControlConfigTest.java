package dev.podium.http.flowcontrol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.flowcontrol.FlowControlDefaults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FlowControlConfigTest {
    private static final RequestSubject ANONYMOUS = RequestSubject.ANONYMOUS;
    private static final RequestSubject ADMIN = new RequestSubject("admin", List.of("system:masters", "system:authenticated"));
    private static final RequestSubject NODE = new RequestSubject("system:node:n1", List.of("system:nodes", "system:authenticated"));
    private static final RequestSubject SCHEDULER = new RequestSubject("system:kube-scheduler", List.of("system:authenticated"));
    private static final RequestSubject KUBE_SYSTEM_SA = new RequestSubject("system:serviceaccount:kube-system:job-controller",
            List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"));
    private static final RequestSubject APP_SA = new RequestSubject("system:serviceaccount:shop:web",
            List.of("system:serviceaccounts", "system:serviceaccounts:shop", "system:authenticated"));
    private static final RequestSubject ALICE = new RequestSubject("alice", List.of("system:authenticated"));

    private static FlowControlConfig bootstrap() {
        return FlowControlConfig.of(List.of(), List.of(), 600);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("members of system:masters are exempt", RequestAttributes.resource(ADMIN, "list", "", "secrets", "a"), "exempt", "exempt"),
                Arguments.of("health probes are exempt for anyone", RequestAttributes.nonResource(ANONYMOUS, "get", "/readyz"), "probes", "exempt"),
                Arguments.of("a probe by POST is not a probe", RequestAttributes.nonResource(ANONYMOUS, "post", "/readyz"), "global-default", "global-default"),
                Arguments.of("a node renewing its lease is node-high",
                        RequestAttributes.resource(NODE, "update", "coordination.k8s.io", "leases", "kube-node-lease"), "system-node-high", "node-high"),
                Arguments.of("a node's status is node-high", RequestAttributes.resource(NODE, "patch", "", "nodes/status", ""), "system-node-high", "node-high"),
                Arguments.of("a node reading pods is system", RequestAttributes.resource(NODE, "list", "", "pods", ""), "system-nodes", "system"),
                Arguments.of("the scheduler's leader lease is leader-election",
                        RequestAttributes.resource(SCHEDULER, "update", "coordination.k8s.io", "leases", "kube-system"), "system-leader-election", "leader-election"),
                Arguments.of("the scheduler binding pods is workload-high", RequestAttributes.resource(SCHEDULER, "create", "", "pods/binding", "a"),
                        "kube-scheduler", "workload-high"),
                Arguments.of("kube-system service accounts are workload-high", RequestAttributes.resource(KUBE_SYSTEM_SA, "create", "", "pods", "a"),
                        "kube-system-service-accounts", "workload-high"),
                Arguments.of("kube-system service accounts' configmap locks are leader-election",
                        RequestAttributes.resource(KUBE_SYSTEM_SA, "update", "", "configmaps", "a"), "workload-leader-election", "leader-election"),
                Arguments.of("other service accounts are workload-low", RequestAttributes.resource(APP_SA, "list", "", "pods", "shop"),
                        "service-accounts", "workload-low"),
                Arguments.of("authenticated users are global-default", RequestAttributes.resource(ALICE, "create", "", "configmaps", "a"),
                        "global-default", "global-default"),
                Arguments.of("anonymous requests are global-default", RequestAttributes.resource(ANONYMOUS, "get", "", "pods", "a"),
                        "global-default", "global-default"),
                Arguments.of("discovery is global-default", RequestAttributes.nonResource(ANONYMOUS, "get", "/apis"), "global-default", "global-default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void theBootstrapSchemasSortRequestsLikeKube(String why, RequestAttributes request, String schema, String level) {
        Classified c = bootstrap().classify(request);
        assertThat(c.schema()).isEqualTo(schema);
        assertThat(c.levelName()).isEqualTo(level);
    }

    @Test
    void levelsGetKubesShareOfTheServersConcurrency() {
        FlowControlConfig config = bootstrap();
        // ceil(600 × shares / 245): kube-apiserver's nominal concurrency limits with its default flags
        assertThat(config.limits("global-default")).isEqualTo(new LevelLimits(49, 24, 649));
        assertThat(config.limits("workload-low")).isEqualTo(new LevelLimits(245, 24, 845));
        assertThat(config.limits("catch-all")).isEqualTo(new LevelLimits(13, 13, 613));
        assertThat(config.limits("node-high")).isEqualTo(new LevelLimits(98, 73, 698));
        assertThat(config.limits("exempt").nominal()).isZero();
    }

    @Test
    void aStoredSchemaOfHigherPrecedenceWinsAndAFlowIsItsSchemaAndDistinguisher() {
        ObjectNode mine = schema("alice-first", 50, "workload-high", "ByNamespace", "alice");
        FlowControlConfig config = FlowControlConfig.of(List.of(mine), List.of(), 600);
        Classified a = config.classify(RequestAttributes.resource(ALICE, "create", "", "configmaps", "team-a"));
        Classified b = config.classify(RequestAttributes.resource(ALICE, "create", "", "configmaps", "team-b"));
        assertThat(a.schema()).isEqualTo("alice-first");
        assertThat(a.levelName()).isEqualTo("workload-high");
        assertThat(a.flow()).isNotEqualTo(b.flow());
        assertThat(config.classify(RequestAttributes.resource(ANONYMOUS, "create", "", "configmaps", "team-a")).schema()).isEqualTo("global-default");
    }

    @Test
    void aSchemaWhoseLevelDoesNotExistMatchesNothing() {
        ObjectNode dangling = schema("dangling", 50, "no-such-level", "ByUser", "alice");
        Classified c = FlowControlConfig.of(List.of(dangling), List.of(), 600)
                .classify(RequestAttributes.resource(ALICE, "create", "", "configmaps", "a"));
        assertThat(c.schema()).isEqualTo("global-default");
    }

    @Test
    void editsToTheMandatoryObjectsDoNotTakeEffectButEditsToSuggestedOnesDo() {
        ObjectNode catchAll = FlowControlDefaults.priorityLevels().get(1);
        ((ObjectNode) catchAll.path("spec").path("limited")).put("nominalConcurrencyShares", 500);
        ObjectNode globalDefault = FlowControlDefaults.priorityLevels().get(7);
        ((ObjectNode) globalDefault.path("spec").path("limited")).put("nominalConcurrencyShares", 1000);
        FlowControlConfig config = FlowControlConfig.of(List.of(), List.of(catchAll, globalDefault), 600);
        assertThat(config.levels().get("catch-all").shares()).isEqualTo(5);
        assertThat(config.levels().get("global-default").shares()).isEqualTo(1000);
    }

    private static ObjectNode schema(String name, int precedence, String level, String distinguisher, String user) {
        ObjectNode s = FlowControlDefaults.flowSchemas().get(11).deepCopy(); // global-default's shape
        ((ObjectNode) s.path("metadata")).put("name", name);
        ObjectNode spec = (ObjectNode) s.path("spec");
        spec.put("matchingPrecedence", precedence);
        ((ObjectNode) spec.path("priorityLevelConfiguration")).put("name", level);
        ((ObjectNode) spec.path("distinguisherMethod")).put("type", distinguisher);
        ObjectNode subject = ((ObjectNode) spec.path("rules").get(0)).putArray("subjects").addObject().put("kind", "User");
        subject.putObject("user").put("name", user);
        return s;
    }
}

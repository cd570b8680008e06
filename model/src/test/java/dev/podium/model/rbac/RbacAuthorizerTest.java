package dev.podium.model.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RbacAuthorizerTest {
    private static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of("devs"));

    /** A fixed set of RBAC objects: the defaults plus what a test adds. */
    static final class Fixed implements RbacObjects {
        final List<JsonNode> clusterRoles = new ArrayList<>(RbacDefaults.clusterRoles());
        final List<JsonNode> clusterRoleBindings = new ArrayList<>(RbacDefaults.clusterRoleBindings());
        final List<JsonNode> roles = new ArrayList<>();
        final List<JsonNode> roleBindings = new ArrayList<>();

        @Override public List<JsonNode> clusterRoleBindings() { return clusterRoleBindings; }
        @Override public List<JsonNode> roleBindings(String ns) { return roleBindings.stream().filter(b -> ns(b).equals(ns)).toList(); }
        @Override public List<JsonNode> clusterRoles() { return clusterRoles; }
        @Override public Optional<JsonNode> clusterRole(String name) { return clusterRoles.stream().filter(r -> name(r).equals(name)).findFirst(); }
        @Override public Optional<JsonNode> role(String ns, String name) {
            return roles.stream().filter(r -> ns(r).equals(ns) && name(r).equals(name)).findFirst();
        }

        private static String ns(JsonNode o) { return o.path("metadata").path("namespace").asText(); }
        private static String name(JsonNode o) { return o.path("metadata").path("name").asText(); }
    }

    private static ObjectNode json(String text) {
        return Json.parseObject(text.replace((char) 39, (char) 34).getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }

    private static ObjectNode roleBinding(String ns, String name, String roleKind, String role, String subjects) {
        return json("{'metadata':{'namespace':'" + ns + "','name':'" + name + "'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'"
                + roleKind + "','name':'" + role + "'},'subjects':" + subjects + "}");
    }

    private static boolean allowed(RbacObjects o, UserInfo u, String verb, String group, String resource, String sub, String ns, String name) {
        return RbacAuthorizer.authorize(o, u, AuthorizationAttributes.resource(verb, group, resource, sub, ns, name)).allowed();
    }

    @ParameterizedTest(name = "{0} {1}/{2} {3} named {4} -> {5}")
    @CsvSource({
            // verbs, groups, resources, resourceNames
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''pods'']}', get, '', pods, '', true",
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''pods'']}', list, '', pods, '', false",
            "'{''verbs'':[''*''],''apiGroups'':[''''],''resources'':[''pods'']}', delete, '', pods, '', true",
            "'{''verbs'':[''get''],''apiGroups'':[''apps''],''resources'':[''pods'']}', get, '', pods, '', false",
            "'{''verbs'':[''get''],''apiGroups'':[''*''],''resources'':[''deployments'']}', get, apps, deployments, '', true",
            // subresources: pods does not cover pods/log; pods/log and */log do
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''pods'']}', get, '', pods/log, '', false",
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''pods/log'']}', get, '', pods/log, '', true",
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''*/log'']}', get, '', pods/log, '', true",
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''*'']}', get, '', pods/status, '', true",
            // resourceNames: only requests naming one of them
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''configmaps''],''resourceNames'':[''a'']}', get, '', configmaps, a, true",
            "'{''verbs'':[''get''],''apiGroups'':[''''],''resources'':[''configmaps''],''resourceNames'':[''a'']}', get, '', configmaps, b, false",
            "'{''verbs'':[''list''],''apiGroups'':[''''],''resources'':[''configmaps''],''resourceNames'':[''a'']}', list, '', configmaps, '', false",
    })
    void resourceRules(String rule, String verb, String group, String resource, String name, boolean expected) {
        int slash = resource.indexOf('/');
        AuthorizationAttributes a = AuthorizationAttributes.resource(verb, group, slash < 0 ? resource : resource.substring(0, slash),
                slash < 0 ? "" : resource.substring(slash + 1), "demo", name);
        assertEquals(expected, PolicyRules.allows(json(rule), a));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "/healthz, get, true",
            "/healthz, post, false",
            "/apis/apps/v1, get, true",
            "/api, get, true",
            "/metrics, get, false",
    })
    void nonResourceUrls(String path, String verb, boolean expected) {
        JsonNode rule = json("{'verbs':['get'],'nonResourceURLs':['/healthz','/api','/apis/*']}");
        assertEquals(expected, PolicyRules.allows(rule, AuthorizationAttributes.nonResource(verb, path)));
    }

    @Test
    void aUserWithoutBindingsIsDeniedAndKubesMessageNamesWhatWasAsked() {
        Fixed o = new Fixed();
        AuthorizationAttributes a = AuthorizationAttributes.resource("list", "", "secrets", "", "demo", "");
        assertFalse(RbacAuthorizer.authorize(o, ALICE, a).allowed());
        assertEquals("User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"demo\"", a.forbiddenMessage("alice"));
        assertEquals("User \"alice\" cannot get resource \"nodes\" in API group \"\" at the cluster scope",
                AuthorizationAttributes.resource("get", "", "nodes", "", "", "x").forbiddenMessage("alice"));
        assertEquals("User \"system:anonymous\" cannot get path \"/api\"", AuthorizationAttributes.nonResource("get", "/api").forbiddenMessage("system:anonymous"));
    }

    @Test
    void systemMastersMayDoAnythingEvenWithoutBindings() {
        Fixed o = new Fixed();
        o.clusterRoleBindings.clear();
        assertTrue(allowed(o, UserInfo.authenticated("admin", "", List.of(UserInfo.MASTERS)), "delete", "", "nodes", "", "", "n1"));
    }

    @Test
    void viewThroughARoleBindingReadsPodsInItsNamespaceOnlyAndNeverSecrets() {
        Fixed o = new Fixed();
        o.roleBindings.add(roleBinding("demo", "alice-view", "ClusterRole", "view", "[{'kind':'User','name':'alice'}]"));
        assertTrue(allowed(o, ALICE, "list", "", "pods", "", "demo", ""));
        assertTrue(allowed(o, ALICE, "get", "apps", "deployments", "", "demo", "web"));
        assertFalse(allowed(o, ALICE, "list", "", "pods", "", "other", ""));
        assertFalse(allowed(o, ALICE, "get", "", "secrets", "", "demo", "s"));
        assertFalse(allowed(o, ALICE, "create", "", "pods", "", "demo", ""));
    }

    @Test
    void editAndAdminAggregateTheLevelsBelowThem() {
        Fixed o = new Fixed();
        o.roleBindings.add(roleBinding("demo", "devs-edit", "ClusterRole", "edit", "[{'kind':'Group','name':'devs'}]"));
        assertTrue(allowed(o, ALICE, "create", "", "secrets", "", "demo", ""));
        assertTrue(allowed(o, ALICE, "list", "", "pods", "", "demo", ""));
        assertTrue(allowed(o, ALICE, "create", "", "pods", "exec", "demo", "p"));
        assertFalse(allowed(o, ALICE, "create", "rbac.authorization.k8s.io", "rolebindings", "", "demo", ""));
        o.roleBindings.add(roleBinding("demo", "devs-admin", "ClusterRole", "admin", "[{'kind':'Group','name':'devs'}]"));
        assertTrue(allowed(o, ALICE, "create", "rbac.authorization.k8s.io", "rolebindings", "", "demo", ""));
    }

    @Test
    void aCustomRoleLabelledToAggregateIntoViewExtendsIt() {
        Fixed o = new Fixed();
        o.clusterRoles.add(json("{'metadata':{'name':'widgets-view','labels':{'rbac.authorization.k8s.io/aggregate-to-view':'true'}},"
                + "'rules':[{'verbs':['get'],'apiGroups':['example.com'],'resources':['widgets']}]}"));
        o.roleBindings.add(roleBinding("demo", "v", "ClusterRole", "view", "[{'kind':'User','name':'alice'}]"));
        assertTrue(allowed(o, ALICE, "get", "example.com", "widgets", "", "demo", "w"));
        List<JsonNode> adminRules = RbacAuthorizer.effectiveRules(o, o.clusterRole("admin").orElseThrow(), new HashSet<>());
        assertTrue(adminRules.stream().anyMatch(r -> r.path("resources").toString().contains("widgets")), "admin aggregates edit, which aggregates view");
    }

    @Test
    void serviceAccountSubjectsDefaultToTheBindingsNamespace() {
        Fixed o = new Fixed();
        o.roles.add(json("{'metadata':{'namespace':'demo','name':'pod-reader'},'rules':[{'verbs':['list'],'apiGroups':[''],'resources':['pods']}]}"));
        o.roleBindings.add(roleBinding("demo", "sa", "Role", "pod-reader", "[{'kind':'ServiceAccount','name':'robot'}]"));
        UserInfo robot = UserInfo.authenticated("system:serviceaccount:demo:robot", "", List.of("system:serviceaccounts", "system:serviceaccounts:demo"));
        UserInfo other = UserInfo.authenticated("system:serviceaccount:prod:robot", "", List.of("system:serviceaccounts"));
        assertTrue(allowed(o, robot, "list", "", "pods", "", "demo", ""));
        assertFalse(allowed(o, other, "list", "", "pods", "", "demo", ""));
    }

    @Test
    void aRoleBindingToAMissingRoleGrantsNothing() {
        Fixed o = new Fixed();
        o.roleBindings.add(roleBinding("demo", "ghost", "Role", "missing", "[{'kind':'User','name':'alice'}]"));
        assertFalse(allowed(o, ALICE, "get", "", "pods", "", "demo", "p"));
    }

    @Test
    void anonymousMayReadHealthAndVersionButNotDiscoveryOrResources() {
        Fixed o = new Fixed();
        assertTrue(RbacAuthorizer.authorize(o, UserInfo.ANONYMOUS, AuthorizationAttributes.nonResource("get", "/readyz")).allowed());
        assertTrue(RbacAuthorizer.authorize(o, UserInfo.ANONYMOUS, AuthorizationAttributes.nonResource("get", "/version")).allowed());
        assertFalse(RbacAuthorizer.authorize(o, UserInfo.ANONYMOUS, AuthorizationAttributes.nonResource("get", "/api")).allowed());
        assertFalse(allowed(o, UserInfo.ANONYMOUS, "list", "", "namespaces", "", "", ""));
        // every authenticated user may discover the API and ask what it may do
        assertTrue(RbacAuthorizer.authorize(o, ALICE, AuthorizationAttributes.nonResource("get", "/apis/apps/v1")).allowed());
        assertTrue(allowed(o, ALICE, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "", ""));
    }

    @Test
    void aUserMayOnlyGrantWhatItHolds() {
        List<JsonNode> held = List.of(json("{'verbs':['get','list'],'apiGroups':[''],'resources':['pods','configmaps']}"),
                json("{'verbs':['*'],'apiGroups':['apps'],'resources':['*/scale']}"),
                json("{'verbs':['get'],'apiGroups':[''],'resources':['secrets'],'resourceNames':['public']}"),
                json("{'verbs':['get'],'nonResourceURLs':['/healthz/*']}"));
        assertTrue(RuleCoverage.uncovered(held, List.of(json("{'verbs':['get'],'apiGroups':[''],'resources':['pods']}"))).isEmpty());
        assertTrue(RuleCoverage.uncovered(held, List.of(json("{'verbs':['update'],'apiGroups':['apps'],'resources':['deployments/scale']}"))).isEmpty());
        assertTrue(RuleCoverage.uncovered(held, List.of(json("{'verbs':['get'],'apiGroups':[''],'resources':['secrets'],'resourceNames':['public']}"))).isEmpty());
        assertTrue(RuleCoverage.uncovered(held, List.of(json("{'verbs':['get'],'nonResourceURLs':['/healthz/etcd']}"))).isEmpty());
        List<com.fasterxml.jackson.databind.node.ObjectNode> missing = RuleCoverage.uncovered(held,
                List.of(json("{'verbs':['get','delete'],'apiGroups':[''],'resources':['pods','secrets']}")));
        assertEquals(List.of("{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}",
                "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}",
                "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"delete\"]}"), missing.stream().map(RuleCoverage::describe).toList());
        // '*' asked for is only covered by '*' held; a named rule does not cover every name
        assertEquals(1, RuleCoverage.uncovered(held, List.of(json("{'verbs':['*'],'apiGroups':[''],'resources':['pods']}"))).size());
        assertEquals(1, RuleCoverage.uncovered(held, List.of(json("{'verbs':['get'],'apiGroups':[''],'resources':['secrets']}"))).size());
    }

    @Test
    void rulesForListsClusterAndNamespaceRules() {
        Fixed o = new Fixed();
        o.roleBindings.add(roleBinding("demo", "v", "ClusterRole", "view", "[{'kind':'User','name':'alice'}]"));
        List<JsonNode> inDemo = RbacAuthorizer.rulesFor(o, ALICE, "demo");
        List<JsonNode> elsewhere = RbacAuthorizer.rulesFor(o, ALICE, "other");
        assertTrue(inDemo.size() > elsewhere.size());
        assertTrue(elsewhere.stream().anyMatch(r -> r.path("resources").toString().contains("selfsubjectaccessreviews")));
    }
}

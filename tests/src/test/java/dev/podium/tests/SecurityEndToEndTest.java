package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podium.http.security.pki.ClusterCa;
import dev.podium.http.security.pki.IssuedCertificate;
import dev.podium.launcher.NodeSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The API over TLS with authentication and RBAC, driven by kubectl, fabric8, the official Java client and raw HTTPS. */
class SecurityEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static TestNode node;
    static Kubectl admin;
    static ClusterCa ca;
    static String server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("podium-security");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "# token,user,uid,groups\nbob-token,bob,uid-bob,\"testers,devs\"\n");
        node = TestNode.start(NodeSettings.defaults(dir, 0)
                .withApiAccess(new NodeSettings.ApiAccess(true, dir.resolve("pki"), tokens)));
        admin = new Kubectl(node.kubeconfig());
        ca = ClusterCa.loadOrCreate(dir.resolve("pki"), Clock.systemUTC());
        server = node.url();
        admin.run("create", "namespace", "demo").ok();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void theGeneratedKubeconfigSpeaksTlsWithTheAdminsClientCertificate() throws Exception {
        assertThat(server).startsWith("https://");
        assertThat(Files.readString(node.kubeconfig())).contains("certificate-authority-data:", "client-certificate-data:", "client-key-data:");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(node.kubeconfig()))).isEqualTo("rw-------");
        assertThat(admin.run("auth", "whoami").ok().out()).contains("system:admin", "system:masters");
        assertThat(admin.run("get", "namespaces").ok().out()).contains("demo", "kube-system");
        try (KubernetesClient fabric8 = new KubernetesClientBuilder()
                .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(node.kubeconfig()))).build()) {
            assertThat(fabric8.namespaces().withName("demo").get()).isNotNull();
        }
        var official = io.kubernetes.client.util.Config.fromConfig(node.kubeconfig().toString());
        assertThat(new CoreV1Api(official).readNamespace("demo").execute().getMetadata().getName()).isEqualTo("demo");
    }

    @Test
    void aClientThatDoesNotTrustTheClusterCaIsRefused() throws Exception {
        ClusterCa other = ClusterCa.loadOrCreate(Files.createTempDirectory("other-ca"), Clock.systemUTC());
        IssuedCertificate stranger = other.issueClient("mallory", List.of("system:masters"), Duration.ofDays(1), Clock.systemUTC());
        Kubectl untrusting = new Kubectl(kubeconfig("untrusting", other.certificatePem(), stranger));
        Kubectl.Result r = untrusting.run("get", "namespaces");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("certificate signed by unknown authority");
        // trusting the server but presenting a certificate of a foreign CA: the handshake refuses it
        Kubectl foreign = new Kubectl(kubeconfig("foreign", ca.certificatePem(), stranger));
        assertThat(foreign.run("get", "namespaces").exit()).isNotZero();
    }

    @Test
    void aUserWithoutBindingsIsForbiddenInKubesWordsAndViewGrantsEverythingButSecrets() throws Exception {
        Kubectl alice = new Kubectl(kubeconfig("alice", ca.certificatePem(),
                ca.issueClient("alice", List.of("devs-a"), Duration.ofDays(1), Clock.systemUTC())));
        Kubectl.Result denied = alice.run("-n", "demo", "get", "secrets");
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.err()).contains("Error from server (Forbidden): secrets is forbidden: "
                + "User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"demo\"");
        assertThat(alice.run("auth", "can-i", "list", "pods", "-n", "demo").out().trim()).isEqualTo("no");

        admin.run("-n", "demo", "create", "rolebinding", "alice-view", "--clusterrole=view", "--user=alice").ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.run("-n", "demo", "get", "pods").exit() == 0);
        assertThat(alice.run("-n", "demo", "get", "configmaps").exit()).isZero();
        assertThat(alice.run("-n", "demo", "get", "secrets").err()).contains("secrets is forbidden");
        assertThat(alice.run("-n", "default", "get", "pods").err()).contains("in the namespace \"default\"");
        assertThat(alice.run("-n", "demo", "create", "configmap", "x").err())
                .contains("configmaps is forbidden: User \"alice\" cannot create resource \"configmaps\"");
        assertThat(alice.run("auth", "can-i", "list", "pods", "-n", "demo").ok().out().trim()).isEqualTo("yes");
        assertThat(alice.run("auth", "can-i", "get", "secrets", "-n", "demo").out().trim()).isEqualTo("no");
        assertThat(alice.run("auth", "can-i", "--list", "-n", "demo").ok().out())
                .contains("pods ", "deployments.apps", "selfsubjectaccessreviews.authorization.k8s.io").doesNotContain("secrets ");
        assertThat(alice.run("auth", "whoami").ok().out()).contains("alice", "devs-a", "system:authenticated");
        assertThat(admin.run("-n", "demo", "get", "rolebindings", "-o", "wide").ok().out()).contains("alice-view", "ClusterRole/view", "alice");
    }

    @Test
    void aNamespaceAdminMayGrantWhatItHoldsButNotMore() throws Exception {
        admin.run("create", "namespace", "team").ok();
        admin.run("-n", "team", "create", "rolebinding", "dana-admin", "--clusterrole=admin", "--user=dana").ok();
        Kubectl dana = new Kubectl(kubeconfig("dana", ca.certificatePem(), ca.issueClient("dana", List.of(), Duration.ofDays(1), Clock.systemUTC())));
        await().atMost(Duration.ofSeconds(10)).until(() -> dana.run("-n", "team", "get", "pods").exit() == 0);
        dana.run("-n", "team", "create", "rolebinding", "erin-edit", "--clusterrole=edit", "--user=erin").ok();
        dana.run("-n", "team", "create", "role", "cm-reader", "--verb=get,list", "--resource=configmaps").ok();
        Kubectl.Result toAdmin = dana.run("-n", "team", "create", "rolebinding", "erin-root", "--clusterrole=cluster-admin", "--user=erin");
        assertThat(toAdmin.exit()).isNotZero();
        assertThat(toAdmin.err()).contains("rolebindings.rbac.authorization.k8s.io \"erin-root\" is forbidden: user \"dana\" (groups=[\"system:authenticated\"]) "
                + "is attempting to grant RBAC permissions not currently held:", "{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
        Kubectl.Result nodesRole = dana.run("-n", "team", "create", "role", "node-reader", "--verb=get", "--resource=nodes");
        assertThat(nodesRole.err()).contains("is attempting to grant RBAC permissions not currently held:",
                "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}");
    }

    @Test
    void anonymousRequestsMayOnlyProbeHealthAndVersion() throws Exception {
        HttpClient anonymous = https(null);
        assertThat(get(anonymous, "/readyz", null).statusCode()).isEqualTo(200);
        assertThat(get(anonymous, "/version", null).statusCode()).isEqualTo(200);
        HttpResponse<String> api = get(anonymous, "/api/v1/namespaces", null);
        assertThat(api.statusCode()).isEqualTo(403);
        JsonNode status = JSON.readTree(api.body());
        assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
        assertThat(status.path("message").asText())
                .isEqualTo("namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
        assertThat(JSON.readTree(get(anonymous, "/apis", null).body()).path("message").asText())
                .isEqualTo("forbidden: User \"system:anonymous\" cannot get path \"/apis\"");
    }

    @Test
    void aForgedTokenIsUnauthorizedAndAStaticTokenNamesItsUser() throws Exception {
        HttpClient client = https(null);
        HttpResponse<String> forged = get(client, "/api/v1/namespaces", "not-a-token");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(forged.body()).path("reason").asText()).isEqualTo("Unauthorized");
        HttpResponse<String> bob = get(client, "/api/v1/namespaces/demo/configmaps", "bob-token");
        assertThat(bob.statusCode()).isEqualTo(403);
        assertThat(bob.body()).contains("User \\\"bob\\\" cannot list resource \\\"configmaps\\\"");
        admin.run("create", "clusterrolebinding", "devs-view", "--clusterrole=view", "--group=devs").ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(client, "/api/v1/namespaces/demo/configmaps", "bob-token").statusCode() == 200);
        HttpResponse<String> review = send(client, "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", "bob-token",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
        assertThat(review.statusCode()).isEqualTo(201);
        JsonNode info = JSON.readTree(review.body()).path("status").path("userInfo");
        assertThat(info.path("username").asText()).isEqualTo("bob");
        assertThat(info.path("uid").asText()).isEqualTo("uid-bob");
        assertThat(info.path("groups").toString()).contains("testers", "devs", "system:authenticated");
    }

    @Test
    void badRbacObjectsAndReviewsGetKubesValidationErrors() throws Exception {
        Kubectl.Result noVerbs = admin.runWithInput("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: broken, namespace: demo}
                rules:
                - apiGroups: [""]
                  resources: [pods]
                """, "apply", "-f", "-");
        assertThat(noVerbs.exit()).isNotZero();
        assertThat(noVerbs.err()).contains("rules[0].verbs: Required value: verbs must contain at least one value");
        admin.run("-n", "demo", "create", "rolebinding", "fixed", "--clusterrole=view", "--user=carol").ok();
        Kubectl.Result changed = admin.run("-n", "demo", "patch", "rolebinding", "fixed", "--type=merge", "-p", "{\"roleRef\":{\"name\":\"edit\"}}");
        assertThat(changed.err()).contains("roleRef: Invalid value:", "cannot change roleRef");
        Kubectl.Result badSubject = admin.runWithInput("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: bad-subject}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects:
                - {kind: ServiceAccount, name: robot}
                """, "apply", "-f", "-");
        assertThat(badSubject.err()).contains("subjects[0].namespace: Required value");
        HttpResponse<String> empty = send(https(null), "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "bob-token",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":{}}");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("exactly one of nonResourceAttributes or resourceAttributes must be specified");
    }

    @Test
    void everyNamespaceGetsTheDefaultServiceAccountAndTheRootCa() throws Exception {
        admin.run("create", "namespace", "fresh").ok();
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.run("-n", "fresh", "get", "serviceaccount", "default").exit() == 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.run("-n", "fresh", "get", "configmap", "kube-root-ca.crt").exit() == 0);
        assertThat(admin.run("-n", "fresh", "get", "configmap", "kube-root-ca.crt", "-o", "jsonpath={.data.ca\\.crt}").ok().out())
                .isEqualTo(ca.certificatePem());
        admin.run("-n", "fresh", "delete", "serviceaccount", "default").ok();
        await("deleted, then put back").atMost(Duration.ofSeconds(15))
                .until(() -> admin.run("-n", "fresh", "get", "serviceaccount", "default").exit() == 0);
    }

    @Test
    void aServiceAccountTokenIsBoundByRbacAndDiesWithItsServiceAccount() throws Exception {
        admin.run("-n", "demo", "create", "serviceaccount", "robot").ok();
        Kubectl.Result tooShort = admin.run("-n", "demo", "create", "token", "robot", "--duration", "5m");
        assertThat(tooShort.err()).contains("spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes");
        String token = admin.run("-n", "demo", "create", "token", "robot", "--duration", "1h").ok().out().trim();
        HttpClient client = https(null);
        HttpResponse<String> denied = get(client, "/api/v1/namespaces/demo/pods", token);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(denied.body()).path("message").asText())
                .isEqualTo("pods is forbidden: User \"system:serviceaccount:demo:robot\" cannot list resource \"pods\" in API group \"\" in the namespace \"demo\"");
        admin.run("-n", "demo", "create", "rolebinding", "robot-view", "--clusterrole=view", "--serviceaccount=demo:robot").ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(client, "/api/v1/namespaces/demo/pods", token).statusCode() == 200);
        assertThat(get(client, "/api/v1/namespaces/default/pods", token).statusCode()).isEqualTo(403);

        HttpResponse<String> review = send(https(null), "POST", "/apis/authentication.k8s.io/v1/tokenreviews", "bob-token",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + token + "\"}}");
        assertThat(review.statusCode()).as(review.body()).isEqualTo(403); // bob may not review tokens
        Path adminCert = node.dataDir.resolve("pki");
        HttpClient asAdmin = https(new IssuedCertificate(
                dev.podium.http.security.pki.Pem.readCertificate(Files.readString(adminCert.resolve("admin.crt"))),
                dev.podium.http.security.pki.Pem.readPrivateKey(Files.readString(adminCert.resolve("admin.key")))));
        JsonNode reviewed = JSON.readTree(send(asAdmin, "POST", "/apis/authentication.k8s.io/v1/tokenreviews", null,
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + token + "\"}}").body());
        assertThat(reviewed.path("status").path("authenticated").asBoolean()).isTrue();
        assertThat(reviewed.path("status").path("user").path("username").asText()).isEqualTo("system:serviceaccount:demo:robot");

        admin.run("-n", "demo", "delete", "serviceaccount", "robot").ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(client, "/api/v1/namespaces/demo/pods", token).statusCode() == 401);
    }

    @Test
    void aPodReadsItsServiceAccountTokenWhichLastsAsLongAsThePod() throws Exception {
        admin.run("create", "namespace", "inpod").ok();
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.run("-n", "inpod", "get", "serviceaccount", "default").exit() == 0);
        admin.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: reader, namespace: inpod}
                spec:
                  restartPolicy: Never
                  nodeSelector: {podium.dev/runtime: process}
                  containers:
                  - name: main
                    image: busybox
                    command: [sh, -c, 'd=/var/run/secrets/kubernetes.io/serviceaccount; [ -r $d/token ] || d=mounts$d; cat $d/namespace; echo; cat $d/token; echo; head -1 $d/ca.crt; echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT; sleep 600']
                """, "apply", "-f", "-").ok();
        assertThat(admin.run("-n", "inpod", "get", "pod", "reader", "-o", "jsonpath={.spec.volumes[0].name} {.spec.containers[0].volumeMounts[0].mountPath}")
                .ok().out()).matches("kube-api-access-[a-z0-9]{5} /var/run/secrets/kubernetes.io/serviceaccount");
        await().atMost(Duration.ofSeconds(40)).until(() -> admin.run("-n", "inpod", "logs", "reader").out().lines().count() >= 4);
        List<String> lines = admin.run("-n", "inpod", "logs", "reader").ok().out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("inpod");
        assertThat(lines.get(2)).isEqualTo("-----BEGIN CERTIFICATE-----");
        assertThat(lines.get(3)).as("the kubernetes Service's address, as every container gets it").isEqualTo("10.96.0.1:443");
        String token = lines.get(1);
        HttpClient client = https(null);
        HttpResponse<String> asPod = get(client, "/api/v1/namespaces/inpod/pods", token);
        assertThat(asPod.statusCode()).isEqualTo(403);
        assertThat(asPod.body()).contains("User \\\"system:serviceaccount:inpod:default\\\" cannot list resource \\\"pods\\\"");
        admin.run("-n", "inpod", "delete", "pod", "reader", "--grace-period=0", "--force").ok();
        await("the token of a deleted pod is refused").atMost(Duration.ofSeconds(20))
                .until(() -> get(client, "/api/v1/namespaces/inpod/pods", token).statusCode() == 401);
    }

    @Test
    void podsAWorkloadControllerCreatesGetTheTokenVolumeToo() throws Exception {
        admin.run("-n", "demo", "create", "deployment", "tokened", "--image=busybox", "--", "sleep", "600").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.run("-n", "demo", "get", "pods", "-l", "app=tokened", "-o",
                "jsonpath={.items[0].spec.volumes[0].name}").out().startsWith("kube-api-access-"));
    }

    @Test
    void automountServiceAccountTokenFalseLeavesThePodWithoutAToken() throws Exception {
        admin.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: no-token, namespace: demo}
                spec:
                  automountServiceAccountToken: false
                  nodeSelector: {podium.dev/runtime: process}
                  containers:
                  - {name: main, image: busybox, command: [sleep, '1']}
                """, "apply", "-f", "-").ok();
        assertThat(admin.run("-n", "demo", "get", "pod", "no-token", "-o", "jsonpath={.spec.volumes}").ok().out()).isEmpty();
        assertThat(admin.run("-n", "demo", "get", "pod", "no-token", "-o", "jsonpath={.spec.serviceAccountName}").ok().out()).isEqualTo("default");
    }

    @Test
    void theJournalHoldsNoSecretInClearText() throws Exception {
        admin.run("-n", "demo", "create", "secret", "generic", "vault", "--from-literal=password=correct-horse-battery").ok();
        assertThat(admin.run("-n", "demo", "get", "secret", "vault", "-o", "jsonpath={.data.password}").ok().out())
                .isEqualTo(Base64.getEncoder().encodeToString("correct-horse-battery".getBytes(StandardCharsets.UTF_8)));
        var db = node.db;
        List<String> rows = new java.util.ArrayList<>();
        try (var c = db.connect(); var st = c.prepareStatement("SELECT " + db.identifier("event_payload") + " FROM " + db.identifier("event_journal")
                + " WHERE " + db.identifier("persistence_id") + " = ?")) {
            st.setString(1, "Secret|demo/vault");
            try (var rs = st.executeQuery()) {
                while (rs.next()) rows.add(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(rows).isNotEmpty();
        for (String row : rows) {
            assertThat(row).startsWith("k8s:enc:aesgcm:v1:key1:").doesNotContain("correct-horse-battery")
                    .doesNotContain(Base64.getEncoder().encodeToString("correct-horse-battery".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aLegacyTokenSecretIsFilledInAndItsTokenDiesWithIt() throws Exception {
        admin.run("-n", "demo", "create", "serviceaccount", "builder").ok();
        admin.runWithInput("""
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/service-account-token
                metadata:
                  name: builder-token
                  namespace: demo
                  annotations: {kubernetes.io/service-account.name: builder}
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !admin.run("-n", "demo", "get", "secret", "builder-token", "-o", "jsonpath={.data.token}").out().isEmpty());
        String token = new String(Base64.getDecoder().decode(
                admin.run("-n", "demo", "get", "secret", "builder-token", "-o", "jsonpath={.data.token}").ok().out()), StandardCharsets.UTF_8);
        assertThat(new String(Base64.getDecoder().decode(admin.run("-n", "demo", "get", "secret", "builder-token", "-o",
                "jsonpath={.data.namespace}").ok().out()), StandardCharsets.UTF_8)).isEqualTo("demo");
        HttpClient client = https(null);
        HttpResponse<String> asBuilder = get(client, "/api/v1/namespaces/demo/secrets", token);
        assertThat(asBuilder.statusCode()).isEqualTo(403);
        assertThat(asBuilder.body()).contains("system:serviceaccount:demo:builder");
        admin.run("-n", "demo", "delete", "secret", "builder-token").ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(client, "/api/v1/namespaces/demo/secrets", token).statusCode() == 401);
    }

    private static Path kubeconfig(String user, String caPem, IssuedCertificate cert) throws Exception {
        Path file = Files.createTempFile("kubeconfig-" + user, ".yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: " + server
                + "\n    certificate-authority-data: " + b64(caPem) + "\nusers:\n- name: u\n  user:\n    client-certificate-data: "
                + b64(cert.certificatePem()) + "\n    client-key-data: " + b64(cert.keyPem())
                + "\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n");
        return file;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTPS client trusting the cluster CA, presenting {@code cert} when given. */
    private static HttpClient https(IssuedCertificate cert) throws Exception {
        if (cert != null) {
            return HttpClient.newBuilder().sslContext(new dev.podium.http.security.pki.ApiTls(cert, ca.certificate()).context())
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String path, String token) throws Exception {
        return send(client, "GET", path, token, null);
    }

    private static HttpResponse<String> send(HttpClient client, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/json");
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

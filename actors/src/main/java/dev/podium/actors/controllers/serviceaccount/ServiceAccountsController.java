package dev.podium.actors.controllers.serviceaccount;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.Supervision;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.security.ServiceAccountTokens;
import dev.podium.model.kinds.rules.SecretRules;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.PodiumSerializable;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * kube-controller-manager's serviceaccounts, tokens and root-ca-cert-publisher controllers (a cluster
 * singleton): every namespace that is not terminating holds the {@code default} ServiceAccount
 * and, when the API has a cluster CA, the {@code kube-root-ca.crt} ConfigMap with it. A Namespace
 * entity tells it when a namespace is created, a ServiceAccount or ConfigMap entity when one of
 * those is deleted; a re-check on a timer covers lost hints. Creates are idempotent (AlreadyExists
 * is the answer when another attempt was first) and one per object at a time.
 */
public final class ServiceAccountsController {
    public sealed interface Command {}

    /** A namespace was created, or a default object of one was deleted. */
    public record Hint(ObjectChanged change) implements Command, PodiumSerializable {}

    enum Recheck implements Command { INSTANCE }

    private record Done(String key) implements Command {}

    public static final String DEFAULT = "default";
    public static final String ROOT_CA = "kube-root-ca.crt";
    private static final ResourceKind NAMESPACE = KindRegistry.get("Namespace");
    private static final ResourceKind SERVICE_ACCOUNT = KindRegistry.get("ServiceAccount");
    private static final ResourceKind CONFIG_MAP = KindRegistry.get("ConfigMap");
    private static final ResourceKind SECRET = KindRegistry.get("Secret");
    /** Legacy token Secrets never expired in kube; these last as long as their Secret (or a century). */
    private static final Duration LEGACY_LIFETIME = Duration.ofDays(36500);

    private final WatchCache cache;
    private final ObjectClient objects;
    private final String caPem;
    private final ServiceAccountTokens tokens;
    private final Set<String> inFlight = new HashSet<>();

    private ServiceAccountsController(WatchCache cache, ObjectClient objects, String caPem, ServiceAccountTokens tokens) {
        this.tokens = tokens;
        this.cache = cache;
        this.objects = objects;
        this.caPem = caPem;
    }

    /**
     * {@code caPem}: the cluster CA to publish, null when the API serves plain HTTP; {@code tokens}
     * fill legacy service account token Secrets in.
     */
    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, String caPem, ServiceAccountTokens tokens, Duration recheck) {
        return Supervision.restarting(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers -> {
            ServiceAccountsController c = new ServiceAccountsController(cache, objects, caPem, tokens);
            timers.startTimerWithFixedDelay(Recheck.INSTANCE, recheck);
            ctx.getSelf().tell(Recheck.INSTANCE);
            return Behaviors.receive(Command.class)
                    .onMessage(Hint.class, m -> {
                        if (m.change().kind().equals("Secret") && !m.change().deleted()) {
                            c.fillToken(m.change().key(), m.change().object(), m.change().seqNr(), ctx.getSelf());
                        }
                        else c.ensure(m.change().namespace().isEmpty() ? m.change().key() : m.change().namespace(), ctx.getSelf());
                        return Behaviors.same();
                    })
                    .onMessageEquals(Recheck.INSTANCE, () -> {
                        for (CachedObject ns : cache.list(NAMESPACE.entityTypeName(), null, o -> true, 0, null).items()) c.ensure(ns.key(), ctx.getSelf());
                        for (CachedObject s : cache.list(SECRET.entityTypeName(), null, ServiceAccountsController::wantsToken, 0, null).items()) {
                            c.fillToken(s.key(), s.object(), s.seqNr(), ctx.getSelf());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Done.class, m -> {
                        c.inFlight.remove(m.key());
                        return Behaviors.same();
                    })
                    .build();
        })));
    }

    private void ensure(String namespace, org.apache.pekko.actor.typed.ActorRef<Command> self) {
        var ns = cache.get(NAMESPACE.entityTypeName(), namespace);
        if (ns.isEmpty() || ns.get().object().path("metadata").has("deletionTimestamp")) return;
        createIfMissing(SERVICE_ACCOUNT, namespace, DEFAULT, serviceAccount(namespace), self);
        if (caPem != null) createIfMissing(CONFIG_MAP, namespace, ROOT_CA, rootCa(namespace), self);
    }

    private void createIfMissing(ResourceKind kind, String namespace, String name, ObjectNode object, org.apache.pekko.actor.typed.ActorRef<Command> self) {
        String key = namespace + "/" + name;
        if (cache.get(kind.entityTypeName(), key).isPresent() || !inFlight.add(kind.kind() + "|" + key)) return;
        objects.ask(kind, key, r -> new ObjectCommand.Create(object, false, r))
                .whenComplete((reply, failure) -> self.tell(new Done(kind.kind() + "|" + key)));
    }

    /** A legacy token Secret (type {@code kubernetes.io/service-account-token}) whose token is still to be filled in. */
    public static boolean wantsToken(com.fasterxml.jackson.databind.JsonNode secret) {
        return secret.path("type").asText().equals(SecretRules.TYPE_SERVICE_ACCOUNT_TOKEN) && !secret.path("data").has("token")
                && !secret.path("metadata").has("deletionTimestamp");
    }

    /**
     * kube's tokens controller: the Secret gets a token of the service account its annotation names
     * (bound to the Secret, so it lasts as long as the Secret), the namespace and the cluster CA.
     * A Secret naming a service account that does not exist yet is filled in by a later re-check.
     */
    private void fillToken(String key, ObjectNode secret, long seqNr, org.apache.pekko.actor.typed.ActorRef<Command> self) {
        if (!wantsToken(secret) || tokens == null || !inFlight.add("Secret|" + key)) return;
        ObjectNode s = secret.deepCopy();
        String namespace = s.path("metadata").path("namespace").asText();
        String account = s.path("metadata").path("annotations").path(SecretRules.SERVICE_ACCOUNT_NAME_ANNOTATION).asText();
        var sa = cache.get("ServiceAccount", namespace + "/" + account);
        if (sa.isEmpty()) {
            inFlight.remove("Secret|" + key);
            return;
        }
        String token = tokens.issue(namespace, account, sa.get().object().path("metadata").path("uid").asText(),
                java.util.List.of(ServiceAccountTokens.ISSUER), LEGACY_LIFETIME,
                new ServiceAccountTokens.BoundObject("Secret", s.path("metadata").path("name").asText(), s.path("metadata").path("uid").asText())).token();
        ObjectNode data = s.with("data");
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        data.put("token", b64.encodeToString(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        data.put("namespace", b64.encodeToString(namespace.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (caPem != null) data.put("ca.crt", b64.encodeToString(caPem.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        s.with("metadata").with("annotations").put("kubernetes.io/service-account.uid", sa.get().object().path("metadata").path("uid").asText());
        objects.ask(SECRET, key, r -> new ObjectCommand.Update(s, seqNr, false, false, r))
                .whenComplete((reply, failure) -> self.tell(new Done("Secret|" + key)));
    }

    static ObjectNode serviceAccount(String namespace) {
        ObjectNode sa = Json.object().put("apiVersion", "v1").put("kind", "ServiceAccount");
        sa.putObject("metadata").put("name", DEFAULT).put("namespace", namespace);
        return sa;
    }

    private ObjectNode rootCa(String namespace) {
        ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", ROOT_CA).put("namespace", namespace)
                .putObject("annotations").put("kubernetes.io/description", "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.");
        cm.putObject("data").put("ca.crt", caPem);
        return cm;
    }
}

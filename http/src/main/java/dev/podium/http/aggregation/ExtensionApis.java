package dev.podium.http.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.webhooks.WebhookTls;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The APIServices served by extension servers, as one member sees them: each is checked every
 * few seconds (its discovery document fetched through the Service's endpoints), which gives
 * discovery the resources to list and the APIService its Available condition. Requests for
 * such a group-version are proxied ({@link AggregationProxy}) with the client made here.
 */
public final class ExtensionApis implements AutoCloseable {
    /** The outcome of one look at an extension server: its APIResourceList, or kube's reason and message for failing. */
    public record Check(JsonNode resources, String reason, String message) {
        public boolean available() {
            return resources != null;
        }
    }

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    private final WatchCache cache;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile Map<String, Check> checks = Map.of();
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "podium-extension-apis");
        t.setDaemon(true);
        return t;
    });

    private final ObjectClient objects;
    private final Clock clock;

    /** Checks every {@code interval}; writes the APIServices' Available conditions through {@code objects}. */
    public ExtensionApis(WatchCache cache, ObjectClient objects, Clock clock, Duration interval) {
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The APIService that sends {@code group/version} to an extension server, if one does: one
     * cache lookup, since an APIService is named {@code version.group} (its validation insists).
     * Every request under /apis asks, so nothing here may scan.
     */
    public Optional<ObjectNode> serving(String group, String version) {
        return cache.get(ExtensionServer.API_SERVICE, version + "." + group).map(CachedObject::object)
                .filter(o -> o.path("spec").path("service").isObject());
    }

    /** The last check of each remote APIService, by name. */
    public Map<String, Check> checks() {
        return checks;
    }

    /** The resources of every available extension server, for discovery. */
    public List<ResourceKind> kinds() {
        List<ResourceKind> out = new java.util.ArrayList<>();
        checks.forEach((name, check) -> {
            if (!check.available()) return;
            int dot = name.indexOf('.');
            out.addAll(ExtensionKinds.of(name.substring(dot + 1), name.substring(0, dot), check.resources()));
        });
        return out;
    }

    /** Moves whenever a check's outcome changes, so discovery is made again. */
    public long generation() {
        return generation.get();
    }

    HttpClient client(JsonNode apiService) throws Exception {
        JsonNode spec = apiService.path("spec");
        String serverName = spec.path("service").path("name").asText() + "." + spec.path("service").path("namespace").asText() + ".svc";
        String key = apiService.path("metadata").path("uid").asText() + "|" + spec.path("caBundle").asText("") + "|"
                + spec.path("insecureSkipTLSVerify").asBoolean(false) + "|" + serverName;
        HttpClient known = clients.get(key);
        if (known != null) return known;
        HttpClient made = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT)
                .sslContext(WebhookTls.context(spec.path("caBundle").asText(""), serverName, spec.path("insecureSkipTLSVerify").asBoolean(false))).build();
        clients.put(key, made);
        return made;
    }

    private List<CachedObject> remote() {
        return cache.list(ExtensionServer.API_SERVICE, null, o -> o.path("spec").path("service").isObject(), 0, null).items();
    }

    private void checkAll() {
        try {
            Map<String, Check> now = new LinkedHashMap<>();
            for (CachedObject o : remote()) now.put(o.key(), check(o.object()));
            if (!now.equals(checks)) generation.incrementAndGet();
            checks = Map.copyOf(now);
            writeStatuses(now);
        } catch (RuntimeException e) {
            // the next round looks again; a check never stops the timer
        }
    }

    /** Each APIService whose stored condition says otherwise than its check gets a status write (local ones: always available). */
    private void writeStatuses(Map<String, Check> now) {
        ResourceKind kind = KindRegistry.get(ExtensionServer.API_SERVICE);
        for (CachedObject o : cache.list(ExtensionServer.API_SERVICE, null, x -> true, 0, null).items()) {
            JsonNode current = o.object().path("status");
            Check check = now.get(o.key());
            ObjectNode status = check == null ? ApiServiceStatus.local(clock.instant()) : ApiServiceStatus.of(current, check, clock.instant());
            if (ApiServiceStatus.same(current, status)) continue;
            ObjectNode updated = o.object().deepCopy();
            updated.set("status", status);
            objects.ask(kind, o.key(), r -> new ObjectCommand.Update(updated, o.seqNr(), true, false, r));
        }
    }

    private Check check(ObjectNode apiService) {
        ExtensionServer server = ExtensionServer.resolve(cache, apiService);
        if (!server.reachable()) return new Check(null, server.failureReason(), server.failureMessage());
        JsonNode spec = apiService.path("spec");
        URI uri = server.base().resolve("/apis/" + spec.path("group").asText() + "/" + spec.path("version").asText());
        try {
            HttpResponse<byte[]> r = client(apiService).send(HttpRequest.newBuilder(uri).timeout(CHECK_TIMEOUT).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                return new Check(null, "FailedDiscoveryCheck", "failing or missing response from " + uri + ": bad status from " + uri + ": " + r.statusCode());
            }
            return new Check(Json.parse(r.body(), false), null, null);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Check(null, "FailedDiscoveryCheck", "failing or missing response from " + uri + ": Get \"" + uri + "\": " + why);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

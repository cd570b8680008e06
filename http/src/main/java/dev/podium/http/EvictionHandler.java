package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.http.javadsl.model.HttpResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * POST pods/{name}/eviction (what kubectl drain uses): deletes the pod gracefully unless a
 * PodDisruptionBudget selecting it allows no disruption now, which is a 429. The budget is
 * computed from the watch cache at the moment of the eviction (healthy = Running and Ready),
 * minus the pods this API server evicted in the last two minutes that the cache still shows
 * (kube's disruptedPods), and evictions are decided one at a time so concurrent ones cannot
 * all spend the same allowance. Across several API servers that bookkeeping is per server.
 */
final class EvictionHandler {
    private static final Duration DISRUPTION_WINDOW = Duration.ofMinutes(2);
    private final WatchCache cache;
    private final ObjectClient objects;
    private final Map<String, Instant> recentlyEvicted = new HashMap<>();

    private final Clock clock;

    EvictionHandler(WatchCache cache, ObjectClient objects, Clock clock) {
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
    }

    synchronized CompletionStage<HttpResponse> evict(ApiRequest req) {
        recentlyEvicted.values().removeIf(t -> t.isBefore(clock.instant().minus(DISRUPTION_WINDOW)));
        ObjectNode eviction = Bodies.object(req);
        String name = req.path().name();
        ObjectNode pod = cache.get("Pod", req.key()).map(CachedObject::object)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "pods", name)));
        for (CachedObject pdb : cache.list("PodDisruptionBudget.policy", req.namespace(), o -> true, 0, null).items()) {
            JsonNode selector = pdb.object().path("spec").path("selector");
            if (!LabelSelector.fromObject(selector).matches(Selection.labelsOf(pod))) continue;
            List<CachedObject> selected = matching(req.namespace(), selector);
            int healthy = healthy(selected);
            int required = required(pdb.object(), selected.size());
            if (healthy - required <= 0 && !terminal(pod)) {
                String pdbName = pdb.object().path("metadata").path("name").asText();
                throw new ApiException(new ApiError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
                        new ApiError.Details("", "", "", List.of(new Cause("DisruptionBudget", null,
                                "The disruption budget " + pdbName + " needs " + required + " healthy pods and has " + healthy + " currently")), 10)));
            }
        }
        long grace = eviction.path("deleteOptions").path("gracePeriodSeconds").asLong(ObjectCommand.Delete.DEFAULT_GRACE);
        String uid = pod.path("metadata").path("uid").asText();
        // the allowance is taken now, before the delete lands, so concurrent evictions cannot spend it twice
        if (!req.dryRun()) recentlyEvicted.put(uid, clock.instant());
        return objects.ask(req.kind(), req.key(), r -> new ObjectCommand.Delete(0, uid, grace, req.dryRun(), r)).thenApply(reply -> {
            if (reply instanceof ObjectReply.Rejected rej) {
                release(uid);
                return Responses.error(rej.error());
            }
            return Responses.success("pods", name, "").withStatus(201);
        });
    }

    private synchronized void release(String uid) {
        recentlyEvicted.remove(uid);
    }

    private static int required(ObjectNode pdb, int total) {
        JsonNode spec = pdb.path("spec");
        if (spec.hasNonNull("minAvailable")) return scaled(spec.get("minAvailable"), total, true);
        if (spec.hasNonNull("maxUnavailable")) return total - scaled(spec.get("maxUnavailable"), total, false);
        return 0;
    }

    private static int scaled(JsonNode value, int total, boolean roundUp) {
        if (value.isInt()) return value.asInt();
        String text = value.asText();
        double pct = Double.parseDouble(text.substring(0, text.length() - 1)) / 100.0 * total;
        return (int) (roundUp ? Math.ceil(pct) : Math.floor(pct));
    }

    private int healthy(List<CachedObject> selected) {
        return (int) selected.stream()
                .filter(p -> "Running".equals(p.object().path("status").path("phase").asText())
                        && "True".equals(PodConditions.status(p.object(), "Ready"))
                        && !p.object().path("metadata").has("deletionTimestamp")
                        && !recentlyEvicted.containsKey(p.object().path("metadata").path("uid").asText()))
                .count();
    }

    private List<CachedObject> matching(String namespace, JsonNode selector) {
        LabelSelector s = LabelSelector.fromObject(selector);
        return cache.list("Pod", namespace, p -> s.matches(Selection.labelsOf(p)), 0, null).items();
    }

    private static boolean terminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }
}

package dev.podium.http;

import dev.podium.actors.admission.AdmissionChain;
import dev.podium.actors.admission.webhooks.HttpsWebhookClient;
import dev.podium.actors.admission.webhooks.WebhookAdmission;
import dev.podium.actors.disruption.Evictions;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.services.ServiceAllocator;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.StoreGuardedObjectClient;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.http.aggregation.AggregationProxy;
import dev.podium.http.aggregation.ExtensionApis;
import dev.podium.http.flowcontrol.FlowControlHeaders;
import dev.podium.http.flowcontrol.FlowController;
import dev.podium.http.flowcontrol.RequestAttributes;
import dev.podium.http.flowcontrol.RequestSubject;
import dev.podium.http.flowcontrol.TooManyRequests;
import dev.podium.model.kinds.Kinds;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.http.security.ApiSecurity;
import dev.podium.http.security.Authenticator;
import dev.podium.http.security.CachedRbacObjects;
import dev.podium.model.rbac.AuthorizationAttributes;
import dev.podium.model.rbac.RbacAuthorizer;
import dev.podium.model.rbac.RbacObjects;
import dev.podium.model.rbac.UserInfo;
import org.apache.pekko.http.javadsl.ConnectionContext;
import dev.podium.persistence.db.StoreHealth;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/** The Kubernetes REST API on Pekko HTTP: routing, body limits and Status errors. */
public final class ApiServer {
    static final long MAX_BODY_BYTES = 3 * 1024 * 1024;
    private final ActorSystem<?> system;
    private final WatchCache cache;
    private final ReadHandler reads;
    private final WriteHandler writes;
    private final DiscoveryHandler discovery;
    private final LogHandler logs;
    private final ExecHandler exec;
    private final PortForwardHandler portForward;
    private final Evictions evictions;
    private final ScaleHandler scales;
    private final Kinds kinds;
    private final ExtensionApis extensions;
    private final AggregationProxy aggregation;
    /** API Priority and Fairness; null when turned off. */
    private final FlowController flowControl;
    private final ApiSecurity security;
    private final RbacObjects rbac;
    private final ReviewHandler reviews;
    private final TokenRequestHandler tokenRequests;
    private final EscalationCheck escalation;
    private static final java.time.Duration EXTENSION_CHECK_INTERVAL = java.time.Duration.ofSeconds(2);

    /**
     * {@code readiness} are the checks {@code /readyz} runs besides the watch cache's;
     * {@code allocationCandidates} draws the cluster IPs and node ports Services are offered;
     * {@code kinds} are the built-in kinds and the custom resources the member's cache has learned;
     * {@code flowControl} admits requests by priority level (null: every request runs at once);
     * {@code store} says whether the database answers.
     */
    public ApiServer(ActorSystem<?> system, WatchCache cache, ObjectClient objects, LocalNodes nodes, Clock clock, List<ReadinessCheck> readiness,
                     RandomGenerator allocationCandidates, Kinds kinds, FlowController flowControl, StoreHealth store, ApiSecurity security) {
        this.system = system;
        this.security = security;
        this.rbac = new CachedRbacObjects(cache);
        this.reviews = new ReviewHandler(rbac, security.authenticator()::tokenUser);
        this.tokenRequests = new TokenRequestHandler(cache, security.tokens(), clock);
        this.escalation = new EscalationCheck(rbac, cache);
        this.flowControl = flowControl;
        this.cache = cache;
        this.kinds = kinds;
        Materializer mat = Materializer.matFromSystem(system);
        this.reads = new ReadHandler(cache, mat, clock);
        HttpsWebhookClient webhookClient = new HttpsWebhookClient();
        system.getWhenTerminated().thenRun(webhookClient::close);
        ReadBack readBack = new ReadBack(cache, store);
        this.writes = new WriteHandler(objects, cache, readBack, new ServiceAllocator(objects, cache, allocationCandidates), AdmissionChain.builtIn(cache, security.isSecure()),
                new WebhookAdmission(cache, kinds, webhookClient));
        this.extensions = new ExtensionApis(cache, objects, clock, EXTENSION_CHECK_INTERVAL);
        system.getWhenTerminated().thenRun(extensions::close);
        this.aggregation = new AggregationProxy(cache, extensions, mat);
        this.discovery = new DiscoveryHandler(cache, readiness, new ServedDocuments(kinds, extensions));
        this.logs = new LogHandler(cache, nodes, clock, new LogProxy(system, security.members()));
        this.exec = new ExecHandler(system, cache, nodes, security.members());
        this.portForward = new PortForwardHandler(system, cache, nodes, exec);
        this.evictions = new Evictions(cache, objects, clock);
        this.scales = new ScaleHandler(objects, cache, readBack);
    }

    public CompletionStage<ServerBinding> bind(String host, int port) {
        var server = Http.get(system).newServerAt(host, port);
        if (security.isSecure()) server = server.enableHttps(ConnectionContext.httpsServer(security.tls()::newEngine));
        return server.bind(this::handle);
    }

    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        List<String> segments = new ArrayList<>();
        for (String s : request.getUri().path().split("/")) if (!s.isEmpty()) segments.add(s);
        UserInfo user = ApiSecurity.UNSECURED;
        if (security.isSecure()) {
            if (!(security.authenticator().authenticate(request) instanceof Authenticator.Authenticated known)) {
                request.discardEntityBytes(Materializer.matFromSystem(system));
                return CompletableFuture.completedFuture(Responses.error(ApiError.unauthorized()));
            }
            user = known.user();
        }
        UserInfo caller = user;
        if (flowControl == null) return handleAdmitted(request, segments, caller);
        // on an insecure port nobody is authenticated: flow control sees every request as anonymous, as it did before authentication existed
        RequestSubject subject = security.isSecure() ? new RequestSubject(user.name(), user.groups()) : RequestSubject.ANONYMOUS;
        RequestAttributes attributes = RequestInfo.of(request, segments, request.getUri().query().toMap(), subject);
        // exec, attach, port-forward, logs: long-running, outside flow control as in kube
        if (attributes.longRunning()) return handleAdmitted(request, segments, caller);
        return flowControl.run(attributes, c -> handleAdmitted(request, segments, caller).thenApply(r -> FlowControlHeaders.add(r, c)))
                .exceptionally(t -> {
                    // the body is not read: drained, so the connection stays usable instead of being reset under the client
                    request.discardEntityBytes(Materializer.matFromSystem(system));
                    return toResponse(t);
                });
    }

    private CompletionStage<HttpResponse> handleAdmitted(HttpRequest request, List<String> segments, UserInfo user) {
        CompletionStage<HttpResponse> response;
        try {
            if (security.isSecure()) {
                AuthorizationAttributes asked = RequestInfo.authorization(request, segments, request.getUri().query().toMap());
                if (!RbacAuthorizer.authorize(rbac, user, asked).allowed()) {
                    request.discardEntityBytes(Materializer.matFromSystem(system));
                    return CompletableFuture.completedFuture(Responses.error(asked.resourceRequest()
                            ? ApiError.forbidden(asked.apiGroup(), asked.resource(), asked.name(), asked.forbiddenMessage(user.name()))
                            : ApiError.forbidden("", "", "", asked.forbiddenMessage(user.name()))));
                }
            }
            response = route(request, segments, user);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.exceptionally(this::toResponse);
    }

    private HttpResponse toResponse(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof ApiException api) return Responses.error(api.error());
        if (cause instanceof TooManyRequests refused) return FlowControlHeaders.refused(refused);
        if (cause instanceof dev.podium.actors.objects.BoundedObjectClient.Overloaded) {
            // the object store's waiting line is full: kube-apiserver's max-in-flight answer; clients wait Retry-After and send again
            return FlowControlHeaders.tooManyRequests(1);
        }
        if (cause instanceof StoreGuardedObjectClient.StoreUnavailable down) {
            return Responses.error(new ApiError(503, "ServiceUnavailable", down.getMessage()
                    + ": writes are refused until it answers again (reads are served from the cache); retry", null))
                    .addHeader(RawHeader.create("Retry-After", "1"));
        }
        if (cause instanceof ReadBack.StoredButUnreadable) return Responses.error(ApiError.timeout(cause.getMessage()));
        if (cause instanceof StoreGuardedObjectClient.OutcomeUnknown) {
            return Responses.error(ApiError.timeout("the database became unreachable while the request was being stored: "
                    + "it may or may not have been stored; read the object to find out"));
        }
        if (cause instanceof EntityStreamSizeException) return Responses.error(ApiError.tooLarge());
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof org.apache.pekko.pattern.AskTimeoutException) {
            return Responses.error(ApiError.timeout("the server was unable to return a response in the time allotted, but may still be processing the request"));
        }
        system.log().error("request failed", cause);
        // what failed is Java's business, in the log; the client gets no class names or stack details
        return Responses.error(ApiError.internal("the server could not complete the request; see the API server's log"));
    }

    private CompletionStage<HttpResponse> route(HttpRequest request, List<String> segments, UserInfo user) {
        Map<String, String> query = new HashMap<>(request.getUri().query().toMap());
        if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            var remote = extensions.serving(segments.get(1), segments.get(2));
            if (remote.isPresent()) return aggregation.forward(request, remote.get(), Responses::error);
        }
        CompletionStage<HttpResponse> special = discovery.handle(request, segments, query);
        if (special != null) return special;
        ApiPath path = ApiPath.parse(segments);
        if (path == null || path.isMalformed()) return notFound();
        ResourceKind kind = kinds.byResource(path.group(), path.version(), path.resource()).orElse(null);
        if (kind == null) return notFound();
        if (path.namespace() != null && !kind.namespaced()) return notFound();
        if (kind.kind().equals("Pod") && path.name() != null && ("exec".equals(path.subresource()) || "attach".equals(path.subresource()))) {
            return CompletableFuture.completedFuture(exec.handle(request, path));
        }
        if (kind.kind().equals("Pod") && path.name() != null && "portforward".equals(path.subresource())) {
            return CompletableFuture.completedFuture(portForward.handle(request, path));
        }
        if (path.subresource() != null && !Subresources.served(kind, path.subresource())) return notFound();
        if (!cache.isReady()) {
            return CompletableFuture.completedFuture(Responses.error(new ApiError(503, "ServiceUnavailable",
                    "the API server is still loading its cache; retry in a moment", null)));
        }
        return request.entity().toStrict(MAX_BODY_BYTES + 1, Materializer.matFromSystem(system)).thenCompose(strict -> {
            byte[] body = strict.getData().toArray();
            if (body.length > MAX_BODY_BYTES) throw new ApiException(ApiError.tooLarge());
            ApiRequest req = new ApiRequest(request, path, kind, query, body);
            if (kind.rules().createOnly()) return reviews.handle(req, user);
            if (security.isSecure() && EscalationCheck.applies(req)) escalation.check(req, user);
            String deprecation = kind.isCustom() ? kind.custom().deprecationWarning() : null;
            if (deprecation == null) return dispatch(req);
            return dispatch(req).thenApply(r -> r.addHeader(RawHeader.create("Warning", FieldValidation.headerValue(deprecation))));
        });
    }

    private CompletionStage<HttpResponse> dispatch(ApiRequest req) {
        var method = req.http().method();
        boolean collection = req.path().isCollection();
        if (collection) {
            if (method == HttpMethods.GET) return reads.list(req);
            if (method == HttpMethods.POST) {
                if (req.kind().namespaced() && req.namespace() == null) return notAllowed(req);
                if (req.kind().isCustom() && req.kind().custom().terminating()) {
                    return CompletableFuture.completedFuture(Responses.error(ApiError.methodNotAllowed(
                            "create not allowed while custom resource definition is terminating")));
                }
                return writes.create(req);
            }
            if (method == HttpMethods.DELETE) return writes.deleteCollection(req);
            return notAllowed(req);
        }
        if (req.kind().namespaced() && req.namespace() == null) return notFound();
        if (method == HttpMethods.GET && "log".equals(req.path().subresource())) return logs.logs(req);
        if ("scale".equals(req.path().subresource()) && (method == HttpMethods.GET || method == HttpMethods.PUT || method == HttpMethods.PATCH)) {
            return scales.handle(req);
        }
        if (method == HttpMethods.GET) return reads.get(req);
        if (method == HttpMethods.PUT && "finalize".equals(req.path().subresource())) return writes.finalizeNamespace(req);
        if (method == HttpMethods.POST && "binding".equals(req.path().subresource())) return writes.bind(req);
        if (method == HttpMethods.POST && "eviction".equals(req.path().subresource())) return evict(req);
        if (method == HttpMethods.POST && "token".equals(req.path().subresource())) return tokenRequests.create(req);
        if (method == HttpMethods.PUT) return writes.update(req);
        if (method == HttpMethods.PATCH) return writes.patch(req);
        if (method == HttpMethods.DELETE && req.path().subresource() == null) return writes.delete(req);
        return notAllowed(req);
    }

    /** POST pods/{name}/eviction: an Eviction body, answered 201 with a Success Status once the pod's deletion is accepted. */
    private CompletionStage<HttpResponse> evict(ApiRequest req) {
        long grace = Bodies.object(req).path("deleteOptions").path("gracePeriodSeconds").asLong(ObjectCommand.Delete.DEFAULT_GRACE);
        return evictions.evict(req.namespace(), req.path().name(), grace, req.dryRun())
                .thenApply(reply -> reply instanceof ObjectReply.Rejected rej ? Responses.error(rej.error())
                        : Responses.success("pods", req.path().name(), "").withStatus(201));
    }

    private static CompletionStage<HttpResponse> notFound() {
        return CompletableFuture.completedFuture(Responses.error(ApiError.notFoundPath("the server could not find the requested resource")));
    }

    private static CompletionStage<HttpResponse> notAllowed(ApiRequest req) {
        return CompletableFuture.completedFuture(Responses.error(ApiError.methodNotAllowed(
                "the server does not allow this method on the requested resource: " + req.http().method().name() + " " + req.http().getUri().path())));
    }
}

package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import dev.podium.model.rbac.AuthorizationAttributes;
import dev.podium.model.rbac.RbacAuthorizer;
import dev.podium.model.rbac.RbacObjects;
import dev.podium.model.rbac.UserInfo;
import dev.podium.model.validation.Nodes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The reviews: a create that is a question, answered in the returned object's status and never
 * stored. SelfSubjectAccessReview ({@code kubectl auth can-i}), SubjectAccessReview,
 * LocalSubjectAccessReview, SelfSubjectRulesReview ({@code can-i --list}), SelfSubjectReview
 * ({@code kubectl auth whoami}) and TokenReview.
 */
final class ReviewHandler {
    private final RbacObjects rbac;
    private final Function<String, Optional<UserInfo>> tokens;

    ReviewHandler(RbacObjects rbac, Function<String, Optional<UserInfo>> tokens) {
        this.rbac = rbac;
        this.tokens = tokens;
    }

    CompletionStage<HttpResponse> handle(ApiRequest req, UserInfo user) {
        if (req.http().method() != HttpMethods.POST || !req.path().isCollection()) {
            return CompletableFuture.completedFuture(Responses.error(ApiError.methodNotAllowed(
                    "the server does not allow this method on the requested resource")));
        }
        ObjectNode review = Bodies.object(req);
        ObjectNode spec = review.with("spec");
        ObjectNode status = switch (req.kind().kind()) {
            case "SelfSubjectAccessReview" -> access(req, spec, user);
            case "SubjectAccessReview" -> access(req, spec, subject(req, spec));
            case "LocalSubjectAccessReview" -> {
                String ns = Nodes.str(spec.path("resourceAttributes"), "namespace");
                if (!ns.equals(req.namespace())) throw invalid(req, Cause.invalid("spec.resourceAttributes.namespace", ns, "must match metadata.namespace"));
                review.with("metadata").put("namespace", req.namespace());
                yield access(req, spec, subject(req, spec));
            }
            case "SelfSubjectRulesReview" -> rules(user, Nodes.str(spec, "namespace"));
            case "SelfSubjectReview" -> Json.object().set("userInfo", userInfo(user));
            case "TokenReview" -> tokenReview(spec);
            default -> throw new ApiException(ApiError.notFoundPath("the server could not find the requested resource"));
        };
        review.put("apiVersion", req.kind().apiVersion()).put("kind", req.kind().kind());
        review.with("metadata").putNull("creationTimestamp");
        review.set("status", status);
        return CompletableFuture.completedFuture(Responses.json(201, review));
    }

    private ObjectNode access(ApiRequest req, ObjectNode spec, UserInfo user) {
        JsonNode resource = spec.get("resourceAttributes");
        JsonNode nonResource = spec.get("nonResourceAttributes");
        boolean hasResource = resource != null && resource.isObject();
        boolean hasNonResource = nonResource != null && nonResource.isObject();
        if (hasResource && hasNonResource) {
            throw invalid(req, Cause.invalid("spec.nonResourceAttributes", "", "cannot be specified in combination with resourceAttributes"));
        }
        if (!hasResource && !hasNonResource) {
            throw invalid(req, Cause.invalid("spec.resourceAttributes", "null", "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        AuthorizationAttributes a = hasResource
                ? AuthorizationAttributes.resource(Nodes.str(resource, "verb"), Nodes.str(resource, "group"), Nodes.str(resource, "resource"),
                        Nodes.str(resource, "subresource"), Nodes.str(resource, "namespace"), Nodes.str(resource, "name"))
                : AuthorizationAttributes.nonResource(Nodes.str(nonResource, "verb"), Nodes.str(nonResource, "path"));
        RbacAuthorizer.Decision d = RbacAuthorizer.authorize(rbac, user, a);
        ObjectNode status = Json.object().put("allowed", d.allowed());
        if (!d.reason().isEmpty()) status.put("reason", d.reason());
        return status;
    }

    private static UserInfo subject(ApiRequest req, ObjectNode spec) {
        String name = Nodes.str(spec, "user");
        List<String> groups = Nodes.strings(spec, "groups");
        if (name.isEmpty() && groups.isEmpty()) throw invalid(req, Cause.invalid("spec.user", "", "at least one of user or group must be specified"));
        return new UserInfo(name, Nodes.str(spec, "uid"), groups);
    }

    private ObjectNode rules(UserInfo user, String namespace) {
        ObjectNode status = Json.object();
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        List<JsonNode> rules = new ArrayList<>();
        if (user.groups().contains(UserInfo.MASTERS)) {
            ObjectNode everything = Json.object();
            everything.putArray("verbs").add("*");
            everything.putArray("apiGroups").add("*");
            everything.putArray("resources").add("*");
            ObjectNode everyUrl = Json.object();
            everyUrl.putArray("verbs").add("*");
            everyUrl.putArray("nonResourceURLs").add("*");
            rules.add(everything);
            rules.add(everyUrl);
        }
        rules.addAll(RbacAuthorizer.rulesFor(rbac, user, namespace));
        for (JsonNode r : rules) {
            if (r.has("nonResourceURLs") && !r.path("nonResourceURLs").isEmpty()) {
                nonResourceRules.addObject().<ObjectNode>set("verbs", r.path("verbs").deepCopy()).set("nonResourceURLs", r.path("nonResourceURLs").deepCopy());
            } else {
                ObjectNode out = resourceRules.addObject();
                for (String f : List.of("verbs", "apiGroups", "resources", "resourceNames")) if (r.has(f)) out.set(f, r.get(f).deepCopy());
            }
        }
        status.put("incomplete", false);
        return status;
    }

    private ObjectNode tokenReview(ObjectNode spec) {
        Optional<UserInfo> user = tokens.apply(Nodes.str(spec, "token"));
        ObjectNode status = Json.object().put("authenticated", user.isPresent());
        user.ifPresent(u -> status.set("user", userInfo(u)));
        if (user.isEmpty()) status.put("error", "invalid bearer token");
        return status;
    }

    private static ObjectNode userInfo(UserInfo user) {
        ObjectNode info = Json.object().put("username", user.name());
        if (!user.uid().isEmpty()) info.put("uid", user.uid());
        user.groups().forEach(info.putArray("groups")::add);
        return info;
    }

    private static ApiException invalid(ApiRequest req, Cause cause) {
        return new ApiException(ApiError.invalid(req.kind().group(), req.kind().kind(), "", List.of(cause)));
    }
}

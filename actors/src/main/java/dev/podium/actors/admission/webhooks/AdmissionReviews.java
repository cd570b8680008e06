package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Nodes;

import java.util.List;
import java.util.Optional;

/**
 * The AdmissionReview sent to a webhook and the checks on its answer (kube's
 * CreateV1AdmissionReview and VerifyAdmissionResponse), for admission.k8s.io v1 and v1beta1.
 * Podium has no authentication yet, so every request is reviewed as the cluster admin.
 */
final class AdmissionReviews {
    static final String USERNAME = "system:admin";
    static final List<String> GROUPS = List.of("system:masters", "system:authenticated");
    private static final List<String> SPOKEN = List.of("v1", "v1beta1");

    private AdmissionReviews() {}

    /** The first version in the webhook's list that Podium speaks, as kube chooses it. */
    static Optional<String> version(Webhook hook) {
        return hook.reviewVersions().stream().filter(SPOKEN::contains).findFirst();
    }

    static ObjectNode request(String uid, String version, Invocation invocation, WebhookAttributes a) {
        ObjectNode review = Json.object();
        review.put("kind", "AdmissionReview");
        review.put("apiVersion", "admission.k8s.io/" + version);
        ObjectNode r = review.putObject("request");
        r.put("uid", uid);
        kind(r.putObject("kind"), invocation.kind());
        resource(r.putObject("resource"), invocation.kind());
        if (!a.subresource().isEmpty()) r.put("subResource", a.subresource());
        kind(r.putObject("requestKind"), a.kind());
        resource(r.putObject("requestResource"), a.kind());
        if (!a.subresource().isEmpty()) r.put("requestSubResource", a.subresource());
        if (!a.name().isEmpty()) r.put("name", a.name());
        if (!a.namespace().isEmpty()) r.put("namespace", a.namespace());
        r.put("operation", a.operation().name());
        ObjectNode user = r.putObject("userInfo");
        user.put("username", USERNAME);
        GROUPS.forEach(user.putArray("groups")::add);
        r.set("object", at(a.object(), invocation.kind()));
        r.set("oldObject", at(a.oldObject(), invocation.kind()));
        r.put("dryRun", a.dryRun());
        r.set("options", a.options() == null ? NullNode.instance : a.options());
        return review;
    }

    /** The object as the version the webhook is called for shows it (only apiVersion differs: conversion None). */
    static JsonNode at(ObjectNode obj, ResourceKind kind) {
        if (obj == null) return NullNode.instance;
        if (obj.path("apiVersion").asText().equals(kind.apiVersion())) return obj;
        ObjectNode copy = obj.deepCopy();
        copy.put("apiVersion", kind.apiVersion());
        return copy;
    }

    /** @throws CallFailure when the answer is not a usable review of this request */
    static WebhookResponse verify(String uid, String version, boolean mutating, JsonNode review) {
        JsonNode response = review == null ? null : review.get("response");
        if (response == null || !response.isObject()) throw invalid("webhook response was absent");
        String patch = Nodes.text(response, "patch");
        if (patch != null && patch.isEmpty()) patch = null;
        String patchType = Nodes.text(response, "patchType");
        if (version.equals("v1")) {
            String got = Nodes.str(response, "uid");
            if (!got.equals(uid)) throw invalid("expected response.uid=\"" + uid + "\", got \"" + got + "\"");
            String gvk = gvk(Nodes.str(review, "apiVersion"), Nodes.str(review, "kind"));
            String want = "admission.k8s.io/v1, Kind=AdmissionReview";
            if (!gvk.equals(want)) throw invalid("expected webhook response of " + want + ", got " + gvk);
            if (mutating) {
                if (patch != null && patchType == null) throw invalid("webhook returned response.patch but not response.patchType");
                if (patch == null && patchType != null) throw invalid("webhook returned response.patchType but not response.patch");
                if (patchType != null && patchType.isEmpty()) throw invalid("webhook returned invalid response.patchType of \"\"");
            } else {
                if (patch != null) throw invalid("validating webhook may not return response.patch");
                if (patchType != null) throw invalid("validating webhook may not return response.patchType");
            }
        } else {
            // v1beta1 answers were never checked for uid, kind or patchType; a patch can only be a JSON patch
            if (!mutating) patch = null;
            patchType = patch == null ? null : "JSONPatch";
        }
        JsonNode status = response.get("status");
        return new WebhookResponse(response.path("allowed").asBoolean(false), patch, patchType,
                status == null || status.isNull() ? null : status, Nodes.strings(response, "warnings"));
    }

    private static CallFailure invalid(String why) {
        return new CallFailure("received invalid webhook response: " + why);
    }

    /** Go's GroupVersionKind.String(). */
    private static String gvk(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return group + "/" + version + ", Kind=" + kind;
    }

    private static void kind(ObjectNode node, ResourceKind kind) {
        node.put("group", kind.group()).put("version", kind.version()).put("kind", kind.kind());
    }

    private static void resource(ObjectNode node, ResourceKind kind) {
        node.put("group", kind.group()).put("version", kind.version()).put("resource", kind.plural());
    }
}

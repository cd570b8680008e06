package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.podium.actors.admission.webhooks.WebhookFixtures.hook;
import static dev.podium.actors.admission.webhooks.WebhookFixtures.object;
import static dev.podium.actors.admission.webhooks.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionReviewsTest {
    @Test
    void anUpdateOfAPodsStatusIsReviewedWithBothObjects() {
        ObjectNode old = object("Pod", "prod", "web", "{app: web}");
        ObjectNode neu = object("Pod", "prod", "web", "{app: web, v: '2'}");
        WebhookAttributes a = request(Operation.UPDATE, "Pod", "status", "prod", neu, old);
        ObjectNode review = AdmissionReviews.request("u-1", "v1", new Invocation(hook("{name: a.b.c}"), a.kind()), a);
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        JsonNode r = review.path("request");
        assertThat(r.path("uid").asText()).isEqualTo("u-1");
        assertThat(r.path("kind").toString()).isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}");
        assertThat(r.path("resource").toString()).isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"}");
        assertThat(r.path("subResource").asText()).isEqualTo("status");
        assertThat(r.path("requestKind")).isEqualTo(r.path("kind"));
        assertThat(r.path("requestResource")).isEqualTo(r.path("resource"));
        assertThat(r.path("requestSubResource").asText()).isEqualTo("status");
        assertThat(r.path("name").asText()).isEqualTo("web");
        assertThat(r.path("namespace").asText()).isEqualTo("prod");
        assertThat(r.path("operation").asText()).isEqualTo("UPDATE");
        assertThat(r.path("userInfo").toString()).isEqualTo("{\"username\":\"system:admin\",\"groups\":[\"system:masters\",\"system:authenticated\"]}");
        assertThat(r.path("object")).isEqualTo(neu);
        assertThat(r.path("oldObject")).isEqualTo(old);
        assertThat(r.path("dryRun").asBoolean(true)).isFalse();
        assertThat(r.path("options").path("kind").asText()).isEqualTo("CreateOptions");
    }

    @Test
    void aCreateHasNoOldObjectAndAnEquivalentInvocationSeesItsVersion() {
        ResourceKind v1 = new ResourceKind("stable.example.com", "v1", "CronTab", "crontabs", true, List.of(), List.of(), false,
                GenericKubernetesResource.class, KindRules.NONE);
        ResourceKind v1beta1 = new ResourceKind("stable.example.com", "v1beta1", "CronTab", "crontabs", true, List.of(), List.of(), false,
                GenericKubernetesResource.class, KindRules.NONE);
        ObjectNode obj = WebhookFixtures.yaml("apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: c, namespace: prod}");
        WebhookAttributes a = new WebhookAttributes(Operation.CREATE, v1, "", "prod", "", obj, null, true, null);
        JsonNode r = AdmissionReviews.request("u", "v1beta1", new Invocation(hook("{name: a.b.c}"), v1beta1), a).path("request");
        assertThat(r.path("oldObject").isNull()).isTrue();
        assertThat(r.has("name")).as("a name still to be generated is left out").isFalse();
        assertThat(r.path("kind").path("version").asText()).isEqualTo("v1beta1");
        assertThat(r.path("requestKind").path("version").asText()).isEqualTo("v1");
        assertThat(r.path("object").path("apiVersion").asText()).isEqualTo("stable.example.com/v1beta1");
        assertThat(obj.path("apiVersion").asText()).as("the request's object is left alone").isEqualTo("stable.example.com/v1");
        assertThat(r.path("dryRun").asBoolean()).isTrue();
    }

    @Test
    void theFirstVersionPodiumSpeaksIsUsed() {
        assertThat(AdmissionReviews.version(hook("{name: a.b.c, admissionReviewVersions: [v2, v1beta1, v1]}"))).contains("v1beta1");
        assertThat(AdmissionReviews.version(hook("{name: a.b.c, admissionReviewVersions: [v2, v1]}"))).contains("v1");
        assertThat(AdmissionReviews.version(hook("{name: a.b.c, admissionReviewVersions: [v2]}"))).isEmpty();
    }

    static final String OK = "apiVersion: admission.k8s.io/v1, kind: AdmissionReview";

    @ParameterizedTest(name = "[{index}] {0} mutating={1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "v1      | true  | \"{" + OK + ", response: {uid: u, allowed: true}}\"                                    | allowed",
            "v1      | true  | \"{" + OK + ", response: {uid: u, allowed: false, status: {message: nope}}}\"          | denied nope",
            "v1      | true  | \"{" + OK + ", response: {uid: u, allowed: true, patchType: JSONPatch, patch: W10=}}\" | patch W10=",
            "v1      | true  | \"{" + OK + "}\"                                                                      | received invalid webhook response: webhook response was absent",
            "v1      | true  | \"{" + OK + ", response: {uid: other, allowed: true}}\"                               | received invalid webhook response: expected response.uid=\"u\", got \"other\"",
            "v1      | true  | \"{apiVersion: admission.k8s.io/v1beta1, kind: AdmissionReview, response: {uid: u}}\"  | received invalid webhook response: expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got admission.k8s.io/v1beta1, Kind=AdmissionReview",
            "v1      | true  | \"{" + OK + ", response: {uid: u, allowed: true, patch: W10=}}\"                      | received invalid webhook response: webhook returned response.patch but not response.patchType",
            "v1      | true  | \"{" + OK + ", response: {uid: u, allowed: true, patchType: JSONPatch}}\"             | received invalid webhook response: webhook returned response.patchType but not response.patch",
            "v1      | false | \"{" + OK + ", response: {uid: u, allowed: true, patchType: JSONPatch, patch: W10=}}\" | received invalid webhook response: validating webhook may not return response.patch",
            "v1      | false | \"{" + OK + ", response: {uid: u, allowed: true, patchType: JSONPatch}}\"             | received invalid webhook response: validating webhook may not return response.patchType",
            "v1beta1 | true  | \"{response: {allowed: true, patch: W10=}}\"                                          | patch W10=",
            "v1beta1 | false | \"{response: {allowed: true, patch: W10=}}\"                                          | allowed",
    })
    void answersAreCheckedAsKubeChecksThem(String version, boolean mutating, String answer, String expected) {
        JsonNode review = WebhookFixtures.yaml(answer);
        String outcome;
        try {
            WebhookResponse r = AdmissionReviews.verify("u", version, mutating, review);
            outcome = !r.allowed() ? "denied " + r.status().path("message").asText() : r.patch() != null ? "patch " + r.patch() : "allowed";
        } catch (CallFailure f) {
            outcome = f.reason();
        }
        assertThat(outcome).isEqualTo(expected);
    }

    @Test
    void warningsAreKept() {
        WebhookResponse r = AdmissionReviews.verify("u", "v1", false, Json.parse(
                ("{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview','response':{'uid':'u','allowed':true,'warnings':['a','b']}}")
                        .replace('\'', '"').getBytes(), false));
        assertThat(r.warnings()).containsExactly("a", "b");
        assertThatThrownBy(() -> AdmissionReviews.verify("u", "v1", false, null)).isInstanceOf(CallFailure.class);
    }
}

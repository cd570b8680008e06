package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;

import java.util.List;

/** Webhooks, configurations and requests written as YAML for the webhook tests. */
final class WebhookFixtures {
    private WebhookFixtures() {}

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A configuration named {@code name} whose webhooks are the YAML mappings given, laid over the required fields. */
    static ObjectNode configuration(String name, String... webhooks) {
        ObjectNode config = yaml("metadata: {name: " + name + "}");
        for (String w : webhooks) {
            ObjectNode hook = yaml("{sideEffects: None, admissionReviewVersions: [v1], clientConfig: {url: 'https://hooks.test/" + name + "'}}");
            hook.setAll(yaml(w));
            config.withArray("webhooks").add(hook);
        }
        return config;
    }

    static Webhook hook(String webhook) {
        return Webhook.of(configuration("config", webhook), true).get(0);
    }

    static List<Webhook> hooks(boolean mutating, String... webhooks) {
        return Webhook.of(configuration("config", webhooks), mutating);
    }

    static ObjectNode object(String kind, String namespace, String name, String labels) {
        return yaml("apiVersion: v1\nkind: " + kind + "\nmetadata: {name: " + name + (namespace == null ? "" : ", namespace: " + namespace)
                + ", labels: " + labels + "}");
    }

    static WebhookAttributes request(Operation op, String kind, String subresource, String namespace, ObjectNode obj, ObjectNode old) {
        ResourceKind k = KindRegistry.get(kind);
        String name = obj != null ? obj.path("metadata").path("name").asText() : old.path("metadata").path("name").asText();
        return new WebhookAttributes(op, k, subresource, namespace, name, obj, old, false, Json.object().put("kind", "CreateOptions"));
    }
}

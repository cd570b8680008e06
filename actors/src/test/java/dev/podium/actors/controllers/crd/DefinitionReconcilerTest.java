package dev.podium.actors.controllers.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.condition;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;

class DefinitionReconcilerTest {
    static final DefinitionReconciler R = new DefinitionReconciler();
    static final String DEFINITIONS = "CustomResourceDefinition.apiextensions.k8s.io";

    static ObjectNode definition(String plural, String kind, long createdSecondsAgo) {
        ObjectNode crd = Fixtures.yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: %s.example.com, uid: uid-%s}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: %s, singular: %s, kind: %s}
                  versions:
                  - {name: v1beta1, served: true, storage: false}
                  - {name: v1, served: true, storage: true}
                """.formatted(plural, plural, plural, plural.substring(0, plural.length() - 1), kind));
        crd.with("metadata").put("creationTimestamp", stamp(ago(createdSecondsAgo)));
        return crd;
    }

    static ObjectNode gadget(String name) {
        ObjectNode g = Fixtures.yaml("{apiVersion: example.com/v1, kind: Gadget, metadata: {name: " + name + ", namespace: ns, uid: u-" + name + "}}");
        return g;
    }

    static ObjectNode terminating(ObjectNode crd) {
        ObjectNode t = crd.deepCopy();
        t.with("metadata").put("deletionTimestamp", stamp(ago(1)));
        t.with("metadata").putArray("finalizers").add(DefinitionReconciler.CLEANUP_FINALIZER);
        return t;
    }

    @Test
    void aNewDefinitionIsEstablishedWithItsNamesAndStorageVersion() {
        ObjectNode gadgets = definition("gadgets", "Gadget", 5);
        Plan plan = R.reconcile(observe(gadgets).cached(DEFINITIONS, gadgets).build());
        JsonNode status = Fixtures.status(plan).orElseThrow();
        assertThat(status.path("acceptedNames").path("kind").asText()).isEqualTo("Gadget");
        assertThat(status.path("acceptedNames").path("listKind").asText()).isEqualTo("GadgetList");
        assertThat(condition(status, "NamesAccepted").path("reason").asText()).isEqualTo("NoConflicts");
        assertThat(condition(status, "Established").path("status").asText()).isEqualTo("True");
        assertThat(status.path("storedVersions").toString()).isEqualTo("[\"v1\"]");

        ObjectNode established = gadgets.deepCopy();
        established.set("status", status);
        assertThat(actions(R.reconcile(observe(established).cached(DEFINITIONS, established).build()))).as("nothing to change").isEmpty();
    }

    @Test
    void theYoungerOfTwoDefinitionsClaimingOneKindIsNotAccepted() {
        ObjectNode older = definition("gadgets", "Gadget", 60);
        ObjectNode younger = definition("widgets", "Gadget", 5);
        JsonNode status = Fixtures.status(R.reconcile(observe(younger).cached(DEFINITIONS, older, younger).build())).orElseThrow();
        assertThat(condition(status, "NamesAccepted").path("status").asText()).isEqualTo("False");
        assertThat(condition(status, "NamesAccepted").path("reason").asText()).isEqualTo("KindConflict");
        assertThat(condition(status, "NamesAccepted").path("message").asText()).isEqualTo("\"Gadget\" is already in use");
        assertThat(condition(status, "Established").path("reason").asText()).isEqualTo("NotAccepted");
        JsonNode olderStatus = Fixtures.status(R.reconcile(observe(older).cached(DEFINITIONS, older, younger).build())).orElseThrow();
        assertThat(condition(olderStatus, "Established").path("status").asText()).isEqualTo("True");
    }

    @Test
    void aTerminatingDefinitionDeletesItsObjectsAndThenReleasesItsFinalizer() {
        ObjectNode gadgets = terminating(definition("gadgets", "Gadget", 60));
        Plan plan = R.reconcile(observe(gadgets).cached(DEFINITIONS, gadgets).cached("Gadget.example.com", gadget("a"), gadget("b")).build());
        List<Action.Delete> deletes = Fixtures.actions(plan, Action.Delete.class);
        assertThat(deletes).extracting(Action.Delete::objectKey).containsExactlyInAnyOrder("ns/a", "ns/b");
        assertThat(deletes).allMatch(d -> d.kind().entityTypeName().equals("Gadget.example.com") && d.kind().version().equals("v1"));
        assertThat(condition(Fixtures.status(plan).orElseThrow(), "Terminating").path("reason").asText()).isEqualTo("InstanceDeletionInProgress");
        assertThat(Fixtures.actions(plan, Action.PatchOwner.class)).as("objects remain").isEmpty();

        Plan empty = R.reconcile(observe(gadgets).cached(DEFINITIONS, gadgets).build());
        assertThat(condition(Fixtures.status(empty).orElseThrow(), "Terminating").path("reason").asText()).isEqualTo("InstanceDeletionCompleted");
        assertThat(Fixtures.actions(empty, Action.PatchOwner.class)).singleElement()
                .satisfies(p -> assertThat(p.patch().path("metadata").path("finalizers").toString()).isEqualTo("[]"));
    }
}

package dev.podium.model.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class IngressClassesTest {
    static final String OURS = "podium.dev/ingress";

    static ObjectNode ingressClass(String name, String controller, String created, boolean isDefault) {
        String annotations = isDefault ? ", annotations: {ingressclass.kubernetes.io/is-default-class: 'true'}" : "";
        return yaml("metadata: {name: " + name + ", creationTimestamp: '" + created + "'" + annotations + "}\n"
                + "spec: {controller: " + controller + "}");
    }

    static ObjectNode ingress(String className, String annotation) {
        String annotations = annotation == null ? "" : ", annotations: {kubernetes.io/ingress.class: '" + annotation + "'}";
        String spec = className == null ? "{}" : "{ingressClassName: " + className + "}";
        return yaml("metadata: {name: web, namespace: d" + annotations + "}\nspec: " + spec);
    }

    static final List<ObjectNode> CLASSES = List.of(
            ingressClass("podium", OURS, "2024-01-01T00:00:00Z", false),
            ingressClass("nginx", "k8s.io/ingress-nginx", "2024-01-01T00:00:00Z", false));

    @ParameterizedTest(name = "class={0} annotation={1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "podium, -,      true",
            "nginx,  -,      false",
            "absent, -,      false",
            "-,      podium, true",
            "-,      nginx,  false",
            "-,      absent, false",
            "podium, nginx,  true",
            "nginx,  podium, false",
            "-,      -,      false",
    })
    void theNamedClassDecides(String className, String annotation, boolean owned) {
        assertThat(new IngressClasses(OURS, CLASSES).owns(ingress(className, annotation))).isEqualTo(owned);
    }

    @Test
    void withoutAClassTheNewestDefaultDecides() {
        ObjectNode unclassed = ingress(null, null);
        List<ObjectNode> oursNewest = List.of(
                ingressClass("old-default", "k8s.io/ingress-nginx", "2024-01-01T00:00:00Z", true),
                ingressClass("new-default", OURS, "2024-06-01T00:00:00Z", true));
        assertThat(new IngressClasses(OURS, oursNewest).owns(unclassed)).isTrue();
        assertThat(new IngressClasses("k8s.io/ingress-nginx", oursNewest).owns(unclassed)).isFalse();
        List<ObjectNode> sameAge = List.of(
                ingressClass("b", "k8s.io/ingress-nginx", "2024-01-01T00:00:00Z", true),
                ingressClass("a", OURS, "2024-01-01T00:00:00Z", true));
        assertThat(new IngressClasses(OURS, sameAge).effectiveClass(unclassed)).map(c -> c.at("/metadata/name").asText()).contains("a");
    }

    @Test
    void anAnnotationNamingAnotherClassIsNotTakenByTheDefault() {
        List<ObjectNode> classes = List.of(ingressClass("podium", OURS, "2024-01-01T00:00:00Z", true));
        assertThat(new IngressClasses(OURS, classes).owns(ingress(null, "nginx"))).isFalse();
        assertThat(new IngressClasses(OURS, classes).owned(List.of(ingress(null, null), ingress("other", null)))).hasSize(1);
    }
}

package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class TemplateHashTest {
    static final ObjectNode TEMPLATE = yaml("""
            metadata:
              labels: {app: web, tier: fe}
            spec:
              containers:
              - name: main
                image: nginx:1.25
                ports: [{containerPort: 80}]
            """);

    static Stream<Arguments> sameHash() {
        return Stream.of(
                Arguments.of("the same template", TEMPLATE.deepCopy()),
                Arguments.of("keys in another order", yaml("""
                        spec:
                          containers:
                          - ports: [{containerPort: 80}]
                            image: nginx:1.25
                            name: main
                        metadata:
                          labels: {tier: fe, app: web}
                        """)),
                Arguments.of("a pod-template-hash label", with(t -> t.with("metadata").with("labels").put("pod-template-hash", "abc"))),
                Arguments.of("nulls (a typed client's creationTimestamp: null)", with(t -> t.with("metadata").putNull("creationTimestamp"))),
                Arguments.of("empty objects and lists", with(t -> {
                    t.with("metadata").putObject("annotations");
                    t.with("spec").putArray("volumes");
                    t.with("spec").putObject("securityContext");
                })));
    }

    static ObjectNode with(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode t = TEMPLATE.deepCopy();
        change.accept(t);
        return t;
    }

    @ParameterizedTest(name = "{0} hashes the same")
    @MethodSource
    void sameHash(String what, ObjectNode template) {
        assertThat(TemplateHash.of(template, 0)).isEqualTo(TemplateHash.of(TEMPLATE, 0));
    }

    static Stream<Arguments> otherHash() {
        return Stream.of(
                Arguments.of("another image", with(t -> ((ObjectNode) t.at("/spec/containers/0")).put("image", "nginx:1.26"))),
                Arguments.of("another label", with(t -> t.with("metadata").with("labels").put("tier", "be"))),
                Arguments.of("an annotation", with(t -> t.with("metadata").with("annotations").put("kubectl.kubernetes.io/restartedAt", "now"))),
                Arguments.of("a zero that is not empty", with(t -> t.with("spec").put("terminationGracePeriodSeconds", 0))));
    }

    @ParameterizedTest(name = "{0} hashes differently")
    @MethodSource
    void otherHash(String what, ObjectNode template) {
        assertThat(TemplateHash.of(template, 0)).isNotEqualTo(TemplateHash.of(TEMPLATE, 0));
    }

    @Test
    void theCollisionCountChangesTheHash() {
        assertThat(java.util.List.of(TemplateHash.of(TEMPLATE, 0), TemplateHash.of(TEMPLATE, 1), TemplateHash.of(TEMPLATE, 2), TemplateHash.of(TEMPLATE, 256)))
                .doesNotHaveDuplicates();
    }

    @Test
    void theHashIsADecimalNumberSpelledInKubesSafeAlphabet() {
        String hash = TemplateHash.of(TEMPLATE, 0);
        assertThat(hash).matches("[456789bcdf]{1,10}");
        // 0→4 … 9→f: spelled back, it is an unsigned 32-bit number
        StringBuilder digits = new StringBuilder();
        for (char c : hash.toCharArray()) digits.append("456789bcdf".indexOf(c));
        assertThat(Long.parseLong(digits.toString())).isBetween(0L, 0xffffffffL);
    }

    @Test
    void hashingLeavesTheTemplateAlone() {
        ObjectNode t = with(x -> x.with("metadata").with("labels").put("pod-template-hash", "abc"));
        ObjectNode before = t.deepCopy();
        TemplateHash.of(t, 3);
        assertThat(t).isEqualTo(before);
    }
}

package dev.podium.model.discovery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionPriorityTest {
    @Test
    void kubeOrder() {
        // the example from version.CompareKubeAwareVersionStrings' documentation
        List<String> versions = new ArrayList<>(List.of("v11alpha2", "foo1", "v1", "v10beta3", "v2", "v12alpha1", "v10", "foo10", "v3beta1", "v10beta1", "v11beta2"));
        versions.sort(VersionPriority.HIGHEST_FIRST);
        assertThat(versions).containsExactly("v10", "v2", "v1", "v11beta2", "v10beta3", "v10beta1", "v3beta1", "v12alpha1", "v11alpha2", "foo1", "foo10");
    }
}

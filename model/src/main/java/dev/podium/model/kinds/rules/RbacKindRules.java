package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.NameValidation;

import java.util.List;
import java.util.Optional;

/** What the four RBAC kinds share: names are path segments ({@code system:…} is fine), and whether the kind lives in a namespace. */
abstract class RbacKindRules implements KindRules {
    protected final boolean namespaced;

    RbacKindRules(boolean namespaced) {
        this.namespaced = namespaced;
    }

    @Override
    public Optional<List<String>> nameErrors(String name, boolean prefix) {
        return Optional.of(NameValidation.pathSegmentName(name, prefix));
    }
}

package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** ServiceAccount: kube checks only its metadata, which {@code ObjectMetaValidation} covers. */
public final class ServiceAccountRules implements KindRules {
}

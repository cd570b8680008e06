package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** The authorization.k8s.io and authentication.k8s.io reviews: asked with a create, answered in status, never stored. */
public final class ReviewRules implements KindRules {
    public static final ReviewRules INSTANCE = new ReviewRules();

    private ReviewRules() {}

    @Override
    public boolean createOnly() {
        return true;
    }
}

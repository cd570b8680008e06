package dev.podium.actors.kinds;

import dev.podium.actors.controllers.ControllerActor;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.objects.ControllerFactory;
import dev.podium.actors.objects.ControllerServices;

import java.util.Optional;
import java.util.function.Function;

/** A controller kind: its entities run a {@link ControllerActor} with the kind's {@link Reconciler}. */
public class ControllerKindBehavior extends ObjectBehavior {
    private final ControllerFactory controller;
    private final String defaultPropagation;

    public ControllerKindBehavior(Function<ControllerServices, Reconciler> reconciler, String defaultPropagation) {
        this.controller = ControllerActor.factory(reconciler);
        this.defaultPropagation = defaultPropagation;
    }

    @Override
    public Optional<ControllerFactory> controller() {
        return Optional.of(controller);
    }

    @Override
    public String defaultPropagation() {
        return defaultPropagation;
    }
}

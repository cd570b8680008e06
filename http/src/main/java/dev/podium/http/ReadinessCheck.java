package dev.podium.http;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** One named line of {@code /readyz}: whether this part of the server is ready, and what {@code ?verbose} shows of it. */
public interface ReadinessCheck {
    String name();

    /** {@code verbose}: whether the details will be shown, so a plain probe can skip gathering them. */
    CompletionStage<Result> check(boolean verbose);

    record Result(boolean ok, List<String> details) {}
}

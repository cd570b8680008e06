package dev.podium.http;

import dev.podium.model.discovery.Discovery;
import dev.podium.model.discovery.OpenApi;
import dev.podium.model.kinds.Kinds;

/** Discovery and OpenAPI for what the member serves now, made again only when its custom resources change. */
final class ServedDocuments {
    private record Made(long generation, Discovery discovery, OpenApi openApi) {}

    private final Kinds kinds;
    private volatile Made made = new Made(0, Discovery.BUILT_IN, OpenApi.BUILT_IN);

    ServedDocuments(Kinds kinds) {
        this.kinds = kinds;
    }

    Discovery discovery() {
        return current().discovery();
    }

    OpenApi openApi() {
        return current().openApi();
    }

    private Made current() {
        Made m = made;
        long generation = kinds.custom().generation();
        if (m.generation() == generation) return m;
        Made fresh = generation == 0 ? new Made(0, Discovery.BUILT_IN, OpenApi.BUILT_IN)
                : new Made(generation, new Discovery(kinds.all()), OpenApi.BUILT_IN.withCustom(kinds.custom().served()));
        made = fresh;
        return fresh;
    }
}

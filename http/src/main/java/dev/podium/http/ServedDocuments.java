package dev.podium.http;

import dev.podium.model.discovery.Discovery;
import dev.podium.model.discovery.OpenApi;
import dev.podium.http.aggregation.ExtensionApis;
import dev.podium.model.kinds.Kinds;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Discovery and OpenAPI for what the member serves now, made again only when its custom
 * resources or its extension servers' resources change.
 */
final class ServedDocuments {
    private record Made(long generation, long extensions, Discovery discovery, OpenApi openApi) {}

    private final Kinds kinds;
    private final ExtensionApis extensions;
    private volatile Made made = new Made(0, 0, Discovery.BUILT_IN, OpenApi.BUILT_IN);

    ServedDocuments(Kinds kinds, ExtensionApis extensions) {
        this.kinds = kinds;
        this.extensions = extensions;
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
        long extensionGeneration = extensions.generation();
        if (m.generation() == generation && m.extensions() == extensionGeneration) return m;
        List<ResourceKind> remote = extensions.kinds();
        List<ResourceKind> all = new ArrayList<>(kinds.all());
        all.addAll(remote);
        Made fresh = generation == 0 && remote.isEmpty() ? new Made(0, extensionGeneration, Discovery.BUILT_IN, OpenApi.BUILT_IN)
                : new Made(generation, extensionGeneration, new Discovery(all), OpenApi.BUILT_IN.withCustom(kinds.custom().served()));
        made = fresh;
        return fresh;
    }
}

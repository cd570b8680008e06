package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a CustomResourceDefinition's names are accepted, as kube's naming controller decides:
 * within its group, no built-in kind and no definition created before it may use the same plural,
 * singular, short name, kind or list kind. The first definition to claim a name keeps it.
 */
public final class CrdNames {
    /** {@code accepted}, or the condition reason and message that say which name is taken. */
    public record Verdict(boolean accepted, String reason, String message) {
        static final Verdict ACCEPTED = new Verdict(true, "NoConflicts", "no conflicts found");
    }

    private CrdNames() {}

    /** The oldest first: creation time, then name. */
    public static final Comparator<JsonNode> CREATION_ORDER = Comparator
            .comparing((JsonNode c) -> c.path("metadata").path("creationTimestamp").asText(""))
            .thenComparing(c -> c.path("metadata").path("name").asText(""));

    public static Verdict verdict(ObjectNode crd, Collection<? extends JsonNode> all) {
        String group = crd.path("spec").path("group").asText();
        JsonNode names = crd.path("spec").path("names");
        List<String> plurals = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (ResourceKind k : KindRegistry.all()) {
            if (!k.group().equals(group)) continue;
            plurals.add(k.plural());
            plurals.add(k.singular());
            plurals.addAll(k.shortNames());
            kinds.add(k.kind());
            kinds.add(k.kind() + "List");
        }
        for (JsonNode other : all) {
            if (CREATION_ORDER.compare(other, crd) >= 0 || !other.path("spec").path("group").asText().equals(group)) continue;
            JsonNode n = other.path("spec").path("names");
            plurals.add(n.path("plural").asText());
            plurals.add(singular(n));
            n.path("shortNames").forEach(s -> plurals.add(s.asText()));
            kinds.add(n.path("kind").asText());
            kinds.add(listKind(n));
        }
        if (plurals.contains(names.path("plural").asText())) return taken("PluralConflict", names.path("plural").asText());
        if (plurals.contains(singular(names))) return taken("SingularConflict", singular(names));
        for (JsonNode s : names.path("shortNames")) {
            if (plurals.contains(s.asText())) return taken("ShortNamesConflict", s.asText());
        }
        if (kinds.contains(names.path("kind").asText())) return taken("KindConflict", names.path("kind").asText());
        if (kinds.contains(listKind(names))) return taken("ListKindConflict", listKind(names));
        return Verdict.ACCEPTED;
    }

    static String singular(JsonNode names) {
        String s = names.path("singular").asText("");
        return s.isEmpty() ? names.path("kind").asText().toLowerCase() : s;
    }

    static String listKind(JsonNode names) {
        String s = names.path("listKind").asText("");
        return s.isEmpty() ? names.path("kind").asText() + "List" : s;
    }

    private static Verdict taken(String reason, String name) {
        return new Verdict(false, reason, "\"" + name + "\" is already in use");
    }
}

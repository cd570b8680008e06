package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * networking.k8s.io/v1 IPAddress: one allocated IP, named by the IP itself, with a required and
 * immutable reference to what holds it (a Service's cluster IP). kube's ValidateIPAddress.
 */
public final class IPAddressRules implements KindRules {
    private static final String PARENT_REF = "spec.parentRef";

    /** IPAddress names are canonical IPs; a generateName prefix is checked the same way, as kube does. */
    @Override
    public Optional<List<String>> nameErrors(String name, boolean prefix) {
        Optional<String> canonical = IpAddresses.canonical(name);
        if (canonical.isEmpty()) return Optional.of(List.of("ParseAddr(\"" + name + "\"): unable to parse IP"));
        if (!canonical.get().equals(name)) return Optional.of(List.of("must be a canonical format IP address"));
        return Optional.of(List.of());
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        ObjectNode ref = Nodes.obj(obj.get("spec"), "parentRef");
        if (ref == null) return List.of(Cause.required(PARENT_REF));
        List<Cause> errs = new ArrayList<>();
        // the core group of Services is "", so a missing group cannot be told from a wrong one
        String group = Nodes.str(ref, "group");
        if (!group.isEmpty()) errs.addAll(Causes.invalidEach(PARENT_REF + ".group", group, NameValidation.dns1123Subdomain(group)));
        requiredSegment(errs, ref, "resource");
        requiredSegment(errs, ref, "name");
        String namespace = Nodes.str(ref, "namespace");
        if (!namespace.isEmpty()) {
            errs.addAll(Causes.invalidEach(PARENT_REF + ".namespace", namespace, NameValidation.pathSegmentName(namespace, false)));
        }
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        JsonNode oldRef = oldObj.path("spec").path("parentRef");
        JsonNode newRef = newObj.path("spec").path("parentRef");
        if (oldRef.isObject() == newRef.isObject() && goStruct(oldRef).equals(goStruct(newRef))) return List.of();
        return List.of(newRef.isObject() ? Causes.invalidRendered(PARENT_REF, goStruct(newRef), "field is immutable") : Causes.immutable(PARENT_REF, null));
    }

    private static void requiredSegment(List<Cause> errs, ObjectNode ref, String field) {
        String value = Nodes.str(ref, field);
        if (value.isEmpty()) errs.add(Cause.required(PARENT_REF + "." + field));
        else errs.addAll(Causes.invalidEach(PARENT_REF + "." + field, value, NameValidation.pathSegmentName(value, false)));
    }

    // kube prints the changed reference with %#v
    private static String goStruct(JsonNode ref) {
        return "networking.ParentReference{Group:\"" + Nodes.str(ref, "group") + "\", Resource:\"" + Nodes.str(ref, "resource")
                + "\", Namespace:\"" + Nodes.str(ref, "namespace") + "\", Name:\"" + Nodes.str(ref, "name") + "\"}";
    }
}

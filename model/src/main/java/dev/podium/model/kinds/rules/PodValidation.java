package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.ObjectMetaValidation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** kube's ValidatePodSpec, for the fields Podium acts on. */
final class PodValidation {
    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    private static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");
    private static final long MAX_INT32 = Integer.MAX_VALUE;

    private PodValidation() {}

    static List<Cause> validate(ObjectNode pod) {
        return validateSpec(pod.get("spec"), "spec");
    }

    /** A pod spec at {@code path}: "spec" for a pod, "spec.template.spec" for a workload's pod template. */
    static List<Cause> validateSpec(JsonNode spec, String path) {
        String p = path + ".";
        List<Cause> errs = new ArrayList<>();
        Set<String> volumes = new HashSet<>();
        errs.addAll(VolumeValidation.validate(Nodes.objects(spec, "volumes"), p + "volumes", volumes));
        errs.addAll(containers(spec, volumes, p));

        String restartPolicy = Nodes.str(spec, "restartPolicy");
        if (restartPolicy.isEmpty()) errs.add(Cause.required(p + "restartPolicy"));
        else if (!RESTART_POLICIES.contains(restartPolicy)) errs.add(Cause.notSupported(p + "restartPolicy", restartPolicy, RESTART_POLICIES));

        String dnsPolicy = Nodes.str(spec, "dnsPolicy");
        if (dnsPolicy.isEmpty()) errs.add(Cause.required(p + "dnsPolicy"));
        else if (!DNS_POLICIES.contains(dnsPolicy)) errs.add(Cause.notSupported(p + "dnsPolicy", dnsPolicy, DNS_POLICIES));

        errs.addAll(ObjectMetaValidation.validateLabels(Nodes.stringMap(spec, "nodeSelector"), p + "nodeSelector"));
        if (dnsPolicy.equals("None")) {
            ObjectNode dnsConfig = Nodes.obj(spec, "dnsConfig");
            if (dnsConfig == null) errs.add(Cause.required(p + "dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"));
            else if (Nodes.strings(dnsConfig, "nameservers").isEmpty()) {
                errs.add(Cause.required(p + "dnsConfig.nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None"));
            }
        }
        subdomain(errs, spec, "serviceAccountName", p);
        subdomain(errs, spec, "nodeName", p);
        Long deadline = Nodes.integer(spec, "activeDeadlineSeconds");
        if (deadline != null && (deadline < 1 || deadline > MAX_INT32)) {
            errs.add(Cause.invalid(p + "activeDeadlineSeconds", deadline, NameValidation.inclusiveRangeError(1, MAX_INT32)));
        }
        for (String f : List.of("hostname", "subdomain")) {
            String v = Nodes.str(spec, f);
            if (!v.isEmpty()) errs.addAll(Causes.invalidEach(p + f, v, NameValidation.dns1123Label(v)));
        }
        errs.addAll(TaintValidation.tolerations(Nodes.objects(spec, "tolerations"), p + "tolerations"));
        String preemption = Nodes.text(spec, "preemptionPolicy");
        if (preemption != null && !PREEMPTION_POLICIES.contains(preemption)) {
            errs.add(Cause.notSupported(p + "preemptionPolicy", preemption, PREEMPTION_POLICIES));
        }
        Long grace = Nodes.integer(spec, "terminationGracePeriodSeconds");
        if (grace != null && grace < 0) errs.add(Cause.invalid(p + "terminationGracePeriodSeconds", grace, "must be greater than or equal to 0"));
        return errs;
    }

    private static List<Cause> containers(JsonNode spec, Set<String> volumes, String p) {
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> containers = Nodes.objects(spec, "containers");
        if (containers.isEmpty()) {
            errs.add(Cause.required(p + "containers"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            String path = Causes.index(p + "containers", i);
            errs.addAll(ContainerValidation.validate(containers.get(i), path, volumes, false));
            String name = Nodes.str(containers.get(i), "name");
            if (!names.add(name)) errs.add(Cause.duplicate(path + ".name", name));
        }
        List<ObjectNode> inits = Nodes.objects(spec, "initContainers");
        for (int i = 0; i < inits.size(); i++) {
            String path = Causes.index(p + "initContainers", i);
            errs.addAll(ContainerValidation.validate(inits.get(i), path, volumes, true));
            String name = Nodes.str(inits.get(i), "name");
            if (names.contains(name)) errs.add(Cause.duplicate(path + ".name", name));
            else if (!name.isEmpty()) names.add(name);
        }
        return errs;
    }

    private static void subdomain(List<Cause> errs, JsonNode spec, String field, String p) {
        String v = Nodes.str(spec, field);
        if (!v.isEmpty()) errs.addAll(Causes.invalidEach(p + field, v, NameValidation.dns1123Subdomain(v)));
    }
}

package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Pod volumes, as kube's ValidateVolumes: unique DNS-label names and exactly one source each. */
final class VolumeValidation {
    /** The volume source fields, in the order kube's validateVolumeSource checks them. */
    static final List<String> SOURCES = List.of("emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore",
            "secret", "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte",
            "downwardAPI", "fc", "azureFile", "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk",
            "storageos", "scaleIO", "configMap", "projected", "csi", "ephemeral", "image");

    private VolumeValidation() {}

    /** The causes for the pod's volumes; {@code validNames} receives the names mounts may use. */
    static List<Cause> validate(List<ObjectNode> volumes, String path, Set<String> validNames) {
        List<Cause> errs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            ObjectNode v = volumes.get(i);
            String ip = Causes.index(path, i);
            List<Cause> el = new ArrayList<>(source(v, ip));
            String name = Nodes.str(v, "name");
            if (name.isEmpty()) el.add(Cause.required(ip + ".name"));
            else el.addAll(Causes.invalidEach(ip + ".name", name, NameValidation.dns1123Label(name)));
            if (seen.contains(name)) el.add(Cause.duplicate(ip + ".name", name));
            if (el.isEmpty()) {
                seen.add(name);
                validNames.add(name);
            } else {
                errs.addAll(el);
            }
        }
        return errs;
    }

    private static List<Cause> source(ObjectNode v, String path) {
        List<Cause> errs = new ArrayList<>();
        int count = 0;
        for (String s : SOURCES) {
            if (v.get(s) == null || v.get(s).isNull()) continue;
            if (count > 0) {
                errs.add(Cause.forbidden(path + "." + s, "may not specify more than 1 volume type"));
                continue;
            }
            count++;
            ObjectNode src = v.get(s) instanceof ObjectNode o ? o : v.objectNode();
            String sp = path + "." + s;
            switch (s) {
                case "hostPath" -> {
                    if (Nodes.str(src, "path").isEmpty()) errs.add(Cause.required(sp + ".path"));
                }
                case "secret" -> {
                    if (Nodes.str(src, "secretName").isEmpty()) errs.add(Cause.required(sp + ".secretName"));
                    errs.addAll(mode(src, sp));
                }
                case "configMap" -> {
                    String name = Nodes.str(src, "name");
                    if (name.isEmpty()) errs.add(Cause.required(sp + ".name"));
                    else errs.addAll(Causes.invalidEach(sp + ".name", name, NameValidation.dns1123Subdomain(name)));
                    errs.addAll(mode(src, sp));
                }
                case "persistentVolumeClaim" -> {
                    if (Nodes.str(src, "claimName").isEmpty()) errs.add(Cause.required(sp + ".claimName"));
                }
                case "nfs" -> {
                    if (Nodes.str(src, "server").isEmpty()) errs.add(Cause.required(sp + ".server"));
                    String p = Nodes.str(src, "path");
                    if (p.isEmpty()) errs.add(Cause.required(sp + ".path"));
                    else if (!p.startsWith("/")) errs.add(Cause.invalid(sp + ".path", p, "must be an absolute path"));
                }
                case "downwardAPI", "projected" -> errs.addAll(mode(src, sp));
                default -> { }
            }
        }
        if (count == 0) errs.add(Cause.required(path, "must specify a volume type"));
        return errs;
    }

    private static List<Cause> mode(ObjectNode src, String path) {
        Long mode = Nodes.integer(src, "defaultMode");
        if (mode == null || (mode >= 0 && mode <= 0777)) return List.of();
        return List.of(Cause.invalid(path + ".defaultMode", mode, "must be a number between 0 and 0777 (octal), both inclusive"));
    }

    /** A subPath: relative, without "..". */
    static List<Cause> localDescendingPath(String p, String path) {
        List<Cause> errs = new ArrayList<>();
        if (p.startsWith("/")) errs.add(Cause.invalid(path, p, "must be a relative path"));
        for (String part : p.split("[/\\\\]")) {
            if (part.equals("..")) {
                errs.add(Cause.invalid(path, p, "must not contain '..'"));
                break;
            }
        }
        return errs;
    }
}

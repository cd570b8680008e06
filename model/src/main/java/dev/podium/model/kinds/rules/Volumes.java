package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** What PersistentVolume and PersistentVolumeClaim validation share. */
final class Volumes {
    static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
    static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");

    private Volumes() {}

    /** At least one known access mode, and ReadWriteOncePod only on its own. */
    static List<Cause> accessModes(JsonNode spec, String path, String requiredDetail) {
        List<Cause> errs = new ArrayList<>();
        List<String> modes = Nodes.strings(spec, "accessModes");
        if (modes.isEmpty()) errs.add(requiredDetail.isEmpty() ? Cause.required(path) : Cause.required(path, requiredDetail));
        boolean oncePod = false;
        boolean other = false;
        for (String mode : modes) {
            if (!ACCESS_MODES.contains(mode)) errs.add(Cause.notSupported(path, mode, ACCESS_MODES));
            else if (mode.equals("ReadWriteOncePod")) oncePod = true;
            else other = true;
        }
        if (oncePod && other) errs.add(Cause.forbidden(path, "may not use ReadWriteOncePod with other access modes"));
        return errs;
    }

    /** kube's ValidatePositiveQuantityValue (after the quantity's own syntax). */
    static List<Cause> positiveQuantity(JsonNode quantity, String path) {
        BigDecimal q = Quantities.parse(quantity);
        String shown = quantity.isValueNode() ? quantity.asText() : quantity.toString();
        if (q == null) return List.of(Cause.invalid(path, shown, Quantities.FORMAT_ERROR));
        if (q.signum() <= 0) return List.of(Cause.invalid(path, shown, "must be greater than zero"));
        return List.of();
    }

    static List<Cause> volumeMode(JsonNode spec, String path) {
        String mode = Nodes.text(spec, "volumeMode");
        return mode == null || VOLUME_MODES.contains(mode) ? List.of() : List.of(Cause.notSupported(path, mode, VOLUME_MODES));
    }
}

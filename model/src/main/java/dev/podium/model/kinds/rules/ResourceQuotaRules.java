package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** v1 ResourceQuota: every hard limit a quantity of at least zero; status.hard mirrors spec.hard (the quota controller fills status.used). */
public final class ResourceQuotaRules implements KindRules {
    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        obj.path("spec").path("hard").fields().forEachRemaining(e -> {
            BigDecimal v = Quantities.parse(e.getValue());
            String field = "spec.hard[" + e.getKey() + "]";
            if (v == null) errs.add(Cause.invalid(field, e.getValue().asText(), Quantities.FORMAT_ERROR));
            else if (v.signum() < 0) errs.add(Cause.invalid(field, e.getValue().asText(), "must be greater than or equal to 0"));
        });
        return errs;
    }
}

package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration: kube's v1 defaults and ValidatePriorityLevelConfigurationSpec. */
public final class PriorityLevelConfigurationRules implements KindRules {
    private static final List<String> TYPES = List.of("Exempt", "Limited");
    private static final List<String> RESPONSES = List.of("Queue", "Reject");

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.obj(obj, "spec");
        if (spec == null) return;
        ObjectNode exempt = Nodes.obj(spec, "exempt");
        if (exempt != null) {
            Nodes.putIfAbsent(exempt, "nominalConcurrencyShares", 0);
            Nodes.putIfAbsent(exempt, "lendablePercent", 0);
        }
        ObjectNode limited = Nodes.obj(spec, "limited");
        if (limited == null) return;
        Nodes.putIfAbsent(limited, "nominalConcurrencyShares", 30);
        Nodes.putIfAbsent(limited, "lendablePercent", 0);
        ObjectNode queuing = Nodes.obj(Nodes.obj(limited, "limitResponse"), "queuing");
        if (queuing == null) return;
        zeroMeans(queuing, "handSize", 8);
        zeroMeans(queuing, "queues", 64);
        zeroMeans(queuing, "queueLengthLimit", 50);
    }

    private static void zeroMeans(ObjectNode queuing, String field, int value) {
        if (queuing.path(field).asLong(0) == 0) queuing.put(field, value);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        String type = Nodes.str(spec, "type");
        List<Cause> errs = new ArrayList<>();
        if (type.isEmpty()) {
            errs.add(Cause.required("spec.type", "must be one of Exempt, Limited"));
            return errs;
        }
        if (!TYPES.contains(type)) {
            errs.add(Cause.notSupported("spec.type", type, TYPES));
            return errs;
        }
        String name = obj.path("metadata").path("name").asText("");
        if (name.equals("exempt") != type.equals("Exempt")) {
            errs.add(Cause.invalid("spec.type", type, "type must be Exempt if and only if name is exempt"));
        }
        if (type.equals("Exempt")) {
            if (spec.has("limited")) errs.add(Cause.forbidden("spec.limited", "must be nil if the type is not Limited"));
            ObjectNode exempt = Nodes.obj(spec, "exempt");
            if (exempt != null) errs.addAll(shares(exempt, "spec.exempt"));
            return errs;
        }
        if (spec.has("exempt")) errs.add(Cause.forbidden("spec.exempt", "must be nil if the type is Limited"));
        ObjectNode limited = Nodes.obj(spec, "limited");
        if (limited == null) {
            errs.add(Cause.required("spec.limited", "must not be empty when type is Limited"));
            return errs;
        }
        errs.addAll(shares(limited, "spec.limited"));
        Long borrowing = Nodes.integer(limited, "borrowingLimitPercent");
        if (borrowing != null && borrowing < 0) {
            errs.add(Cause.invalid("spec.limited.borrowingLimitPercent", borrowing, "if specified, must be a non-negative integer"));
        }
        errs.addAll(limitResponse(Nodes.obj(limited, "limitResponse"), "spec.limited.limitResponse"));
        return errs;
    }

    private static List<Cause> shares(ObjectNode concurrency, String path) {
        List<Cause> errs = new ArrayList<>();
        Long shares = Nodes.integer(concurrency, "nominalConcurrencyShares");
        if (shares != null && shares < 0) errs.add(Cause.invalid(path + ".nominalConcurrencyShares", shares, "must be a non-negative integer"));
        Long lendable = Nodes.integer(concurrency, "lendablePercent");
        if (lendable != null && (lendable < 0 || lendable > 100)) {
            errs.add(Cause.invalid(path + ".lendablePercent", lendable, "must be between 0 and 100, inclusive"));
        }
        return errs;
    }

    private static List<Cause> limitResponse(ObjectNode response, String path) {
        String type = Nodes.str(response, "type");
        if (type.isEmpty()) return List.of(Cause.required(path + ".type", "must be one of Queue, Reject"));
        if (!RESPONSES.contains(type)) return List.of(Cause.notSupported(path + ".type", type, RESPONSES));
        ObjectNode queuing = Nodes.obj(response, "queuing");
        if (type.equals("Reject")) {
            return queuing == null ? List.of() : List.of(Cause.forbidden(path + ".queuing", "must be nil if limited.limitResponse.type is not Limited"));
        }
        if (queuing == null) return List.of(Cause.required(path + ".queuing", "must not be empty if limited.limitResponse.type is Limited"));
        List<Cause> errs = new ArrayList<>();
        long queues = queuing.path("queues").asLong(0);
        long handSize = queuing.path("handSize").asLong(0);
        long queueLengthLimit = queuing.path("queueLengthLimit").asLong(0);
        if (queueLengthLimit <= 0) errs.add(Cause.invalid(path + ".queuing.queueLengthLimit", queueLengthLimit, "must be positive"));
        if (queues <= 0) errs.add(Cause.invalid(path + ".queuing.queues", queues, "must be positive"));
        if (handSize <= 0) errs.add(Cause.invalid(path + ".queuing.handSize", handSize, "must be positive"));
        else if (handSize > queues && queues > 0) {
            errs.add(Cause.invalid(path + ".queuing.handSize", handSize, "should not be greater than queues (" + queues + ")"));
        }
        return errs;
    }
}

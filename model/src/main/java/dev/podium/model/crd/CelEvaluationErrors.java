package dev.podium.model.crd;

import dev.cel.runtime.CelEvaluationException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** kube's detail for a rule whose evaluation failed, with cel-java's common errors in cel-go's words. */
public final class CelEvaluationErrors {
    private static final Pattern LOCATION = Pattern.compile("^evaluation error(?: at [^:]*:\\d+)?: ");
    private static final Pattern MISSING_KEY = Pattern.compile("key '(.*)' is not present in map\\.?");

    private CelEvaluationErrors() {}

    static String detail(CelEvaluationException e, CelRule rule) {
        String error = celGoMessage(e);
        if (error.startsWith("no such overload")) {
            return "'" + error + "': call arguments did not match a supported operator, function or macro signature for rule: "
                    + rule.errorString();
        }
        return error + " evaluating rule: " + rule.errorString();
    }

    public static String celGoMessage(CelEvaluationException e) {
        String message = LOCATION.matcher(String.valueOf(e.getMessage())).replaceFirst("");
        switch (e.getErrorCode()) {
            case ATTRIBUTE_NOT_FOUND -> {
                Matcher m = MISSING_KEY.matcher(message);
                if (m.matches()) return "no such key: " + m.group(1);
            }
            case OVERLOAD_NOT_FOUND -> { return "no such overload"; }
            case DIVIDE_BY_ZERO -> { return message.contains("modulus") ? "modulus by zero" : "division by zero"; }
            default -> { }
        }
        return message;
    }
}

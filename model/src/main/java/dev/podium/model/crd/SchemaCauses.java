package dev.podium.model.crd;

import dev.podium.model.api.Cause;

import java.util.List;
import java.util.stream.Collectors;

/** The field errors schema handling reports, with values already rendered the way Go prints them. */
final class SchemaCauses {
    private SchemaCauses() {}

    static Cause invalid(String field, String renderedValue, String why) {
        return new Cause("FieldValueInvalid", field, "Invalid value: " + renderedValue + ": " + why);
    }

    static Cause invalidText(String field, String value, String why) {
        return invalid(field, GoText.quote(value), why);
    }

    static Cause typeInvalid(String field, String renderedValue, String why) {
        return new Cause("FieldValueTypeInvalid", field, "Invalid value: " + renderedValue + ": " + why);
    }

    static Cause notSupported(String field, String renderedValue, List<String> supported) {
        String values = supported.stream().map(GoText::quote).collect(Collectors.joining(", "));
        return new Cause("FieldValueNotSupported", field, "Unsupported value: " + renderedValue
                + (supported.isEmpty() ? "" : ": supported values: " + values));
    }

    static Cause duplicate(String field, String renderedValue) {
        return new Cause("FieldValueDuplicate", field, "Duplicate value: " + renderedValue);
    }
}

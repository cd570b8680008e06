package dev.podium.model.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NameValidationTest {
    static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
            + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
            + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
            + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    static final String CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
            + "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    static final String QUALIFIED_NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start "
            + "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
            + "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
            + "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    static Stream<Arguments> cases() {
        Map<String, Function<String, List<String>>> f = Map.of(
                "subdomain", NameValidation::dns1123Subdomain,
                "label", NameValidation::dns1123Label,
                "dns1035", NameValidation::dns1035Label,
                "qualified", NameValidation::qualifiedName,
                "labelValue", NameValidation::labelValue,
                "configKey", NameValidation::configMapKey,
                "envVar", NameValidation::envVarName,
                "portName", NameValidation::portName);
        String s64 = "a".repeat(64);
        String s254 = "a".repeat(254);
        return Stream.of(
                Arguments.of(f.get("subdomain"), "example.com", List.of()),
                Arguments.of(f.get("subdomain"), "a", List.of()),
                Arguments.of(f.get("subdomain"), "a-b.c-d", List.of()),
                Arguments.of(f.get("subdomain"), "Example", List.of(SUBDOMAIN_MSG)),
                Arguments.of(f.get("subdomain"), "-a", List.of(SUBDOMAIN_MSG)),
                Arguments.of(f.get("subdomain"), "a..b", List.of(SUBDOMAIN_MSG)),
                Arguments.of(f.get("subdomain"), "", List.of(SUBDOMAIN_MSG)),
                Arguments.of(f.get("subdomain"), s254, List.of("must be no more than 253 characters")),
                Arguments.of(f.get("label"), "my-name", List.of()),
                Arguments.of(f.get("label"), "123", List.of()),
                Arguments.of(f.get("label"), "a.b", List.of("must not contain dots")),
                Arguments.of(f.get("label"), "a_b", List.of(LABEL_MSG)),
                Arguments.of(f.get("label"), s64, List.of("must be no more than 63 characters")),
                Arguments.of(f.get("dns1035"), "my-svc", List.of()),
                Arguments.of(f.get("dns1035"), "1svc", List.of(DNS1035_MSG)),
                Arguments.of(f.get("dns1035"), "svc-", List.of(DNS1035_MSG)),
                Arguments.of(f.get("qualified"), "app", List.of()),
                Arguments.of(f.get("qualified"), "example.com/My_Name.1", List.of()),
                Arguments.of(f.get("qualified"), "app.kubernetes.io/name", List.of()),
                Arguments.of(f.get("qualified"), "-app", List.of(QUALIFIED_NAME_PART)),
                Arguments.of(f.get("qualified"), "/app", List.of("prefix part must be non-empty")),
                Arguments.of(f.get("qualified"), "Example.com/app", List.of("prefix part " + SUBDOMAIN_MSG)),
                Arguments.of(f.get("qualified"), "example.com/", List.of("name part must be non-empty", QUALIFIED_NAME_PART)),
                Arguments.of(f.get("qualified"), s64, List.of("name part must be no more than 63 characters")),
                Arguments.of(f.get("labelValue"), "", List.of()),
                Arguments.of(f.get("labelValue"), "v1.2_3-x", List.of()),
                Arguments.of(f.get("labelValue"), "bad value", List.of(LABEL_VALUE_MSG)),
                Arguments.of(f.get("labelValue"), s64, List.of("must be no more than 63 characters")),
                Arguments.of(f.get("configKey"), "key.name", List.of()),
                Arguments.of(f.get("configKey"), ".hidden", List.of()),
                Arguments.of(f.get("configKey"), "bad key", List.of(CONFIG_KEY_MSG)),
                Arguments.of(f.get("configKey"), "..", List.of("must not be '..'")),
                Arguments.of(f.get("configKey"), "..x", List.of("must not start with '..'")),
                Arguments.of(f.get("configKey"), s254, List.of("must be no more than 253 characters")),
                Arguments.of(f.get("envVar"), "MY_VAR", List.of()),
                Arguments.of(f.get("envVar"), "my.env-name", List.of()),
                Arguments.of(f.get("envVar"), "1VAR", List.of("a valid environment variable name must consist of alphabetic characters, "
                        + "digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or "
                        + "'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")),
                Arguments.of(f.get("portName"), "http", List.of()),
                Arguments.of(f.get("portName"), "http-alt2", List.of()),
                Arguments.of(f.get("portName"), "123", List.of("must contain at least one letter (a-z)")),
                Arguments.of(f.get("portName"), "a--b", List.of("must not contain consecutive hyphens")),
                Arguments.of(f.get("portName"), "-http", List.of("must not begin or end with a hyphen")),
                Arguments.of(f.get("portName"), "HTTP", List.of("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                        "must contain at least one letter (a-z)")),
                Arguments.of(f.get("portName"), "abcdefghijklmnop", List.of("must be no more than 15 characters")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void messages(Function<String, List<String>> check, String value, List<String> expected) {
        assertThat(check.apply(value)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"0,false", "1,true", "80,true", "65535,true", "65536,false", "-1,false"})
    void portNumbers(long port, boolean valid) {
        assertThat(NameValidation.portNumber(port).isEmpty()).isEqualTo(valid);
        if (!valid) assertThat(NameValidation.portNumber(port)).containsExactly("must be between 1 and 65535, inclusive");
    }

    @Test
    void annotationSizeCountsKeysAndValues() {
        String big = "x".repeat(NameValidation.TOTAL_ANNOTATION_SIZE_LIMIT - 1);
        assertThat(NameValidation.annotationsTooLarge(Map.of("k", big))).isFalse();
        assertThat(NameValidation.annotationsTooLarge(Map.of("k", big + "x"))).isTrue();
    }

    @Test
    void annotationKeysIgnoreCase() {
        assertThat(NameValidation.annotationKey("Example.COM/Foo")).isEmpty();
        assertThat(NameValidation.qualifiedName("Example.COM/Foo")).isNotEmpty();
    }
}

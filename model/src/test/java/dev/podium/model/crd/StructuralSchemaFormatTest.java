package dev.podium.model.crd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.podium.model.crd.SchemaFixtures.object;
import static dev.podium.model.crd.SchemaFixtures.render;
import static dev.podium.model.crd.SchemaFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** The string formats kube checks, and how a failure reads. */
class StructuralSchemaFormatTest {
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "date-time | 2024-01-02T03:04:05Z       | true",
            "date-time | 2024-01-02t03:04:05.123+01:00 | true",
            "date-time | 2024-01-02 03:04:05        | false",
            "date-time | 2024-01-02T24:00:00Z       | false",
            "date      | 2024-02-29                 | true",
            "date      | 2023-02-29                 | false",
            "date      | 2024-1-02                  | false",
            "uuid      | 123e4567-e89b-12d3-a456-426614174000 | true",
            "uuid      | 123E4567E89B12D3A456426614174000     | true",
            "uuid      | 123e4567-e89b-12d3-a456    | false",
            "uuid4     | 123e4567-e89b-42d3-a456-426614174000 | true",
            "uuid4     | 123e4567-e89b-12d3-a456-426614174000 | false",
            "byte      | aGVsbG8=                   | true",
            "byte      | aGVsbG8                    | false",
            "ipv4      | 10.0.0.1                   | true",
            "ipv4      | 10.0.0.01                  | false",
            "ipv4      | 10.0.0.256                 | false",
            "ipv6      | fe80::1                    | true",
            "ipv6      | ::ffff:10.0.0.1            | true",
            "ipv6      | 10.0.0.1                   | false",
            "ipv6      | fe80:::1                   | false",
            "cidr      | 10.0.0.0/8                 | true",
            "cidr      | fd00::/129                 | false",
            "cidr      | 10.0.0.0                   | false",
            "hostname  | my-host.example.com        | true",
            "hostname  | -bad.example.com           | false",
            "email     | someone@example.com        | true",
            "email     | Someone <someone@example.com> | true",
            "email     | someone.example.com        | false",
            "mac       | 00:1a:2b:3c:4d:5e          | true",
            "mac       | 001a.2b3c.4d5e             | true",
            "mac       | 00:1a:2b:3c:4d             | false",
            "duration  | 1h30m                      | true",
            "duration  | 3 days                     | true",
            "duration  | soon                       | false",
            "uri       | https://example.com/x?y=1  | true",
            "uri       | /relative/path             | true",
            "uri       | relative                   | false",
            "hexcolor  | #ffaa00                    | true",
            "password  | anything                   | true",
            "int-or-string-ish | anything             | true",
    })
    void formats(String format, String value, boolean valid) {
        StructuralSchema schema = spec("{type: object, properties: {v: {type: string, format: " + format + "}}}");
        assertThat(schema.validate(object("spec: {v: '" + value + "'}"), null).isEmpty()).isEqualTo(valid);
    }

    @Test
    void failureIsATypeError() {
        StructuralSchema schema = spec("{type: object, properties: {at: {type: string, format: date-time}}}");
        assertThat(render(schema.validate(object("spec: {at: abc}"), null))).containsExactly(
                "FieldValueTypeInvalid spec.at: Invalid value: \"abc\": spec.at in body must be of type date-time: \"abc\"");
    }
}

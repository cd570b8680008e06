package dev.podium.model.selectors;

import dev.podium.model.api.ApiException;
import dev.podium.model.validation.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {
    static final Map<String, String> LABELS = Map.of("app", "web", "tier", "front", "version", "3");

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                         | true",
            "'   '                      | true",
            "app=web                    | true",
            "app==web                   | true",
            "app=db                     | false",
            "app!=db                    | true",
            "app!=web                   | false",
            "missing!=x                 | true",
            "app in (web,db)            | true",
            "app in (db)                | false",
            "missing in (x)             | false",
            "app notin (db)             | true",
            "app notin (web)            | false",
            "missing notin (x)          | true",
            "app                        | true",
            "missing                    | false",
            "!missing                   | true",
            "!app                       | false",
            "app=web,tier=front         | true",
            "app=web,tier=back          | false",
            "' app = web , tier in ( front , back ) ' | true",
            "version>2                  | true",
            "version<3                  | false",
            "app=                       | false",
            "missing=                   | false",
            "app in (in, notin, web)    | true",
            "example.com/role!=x        | true",
    })
    void parseAndMatch(String selector, boolean matches) {
        assertThat(LabelSelector.parse(selector).matches(LABELS)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "app=web                | app=web",
            "tier in (b,a),app      | app,tier in (a,b)",
            "'!x, y notin (q)'      | !x,y notin (q)",
            "a==b                   | a==b",
    })
    void canonicalString(String selector, String expected) {
        assertThat(LabelSelector.parse(selector).toString()).isEqualTo(expected);
    }

    static Stream<Arguments> badSyntax() {
        return Stream.of(
                Arguments.of("=a", "found '=', expected: !, identifier, or 'end of string'"),
                Arguments.of("a=b,", "found '', expected: identifier after ','"),
                Arguments.of("a=b c", "found 'c', expected: ',' or 'end of string'"),
                Arguments.of("a in b", "unable to parse requirement: found 'b' expected: '('"),
                Arguments.of("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
                Arguments.of("a (b)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
                Arguments.of("a=(b)", "unable to parse requirement: found '(', expected: identifier"),
                Arguments.of("!a=b", "found '=', expected: ',' or 'end of string'"),
                Arguments.of("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"),
                Arguments.of("k@y=v", "unable to parse requirement: <nil>: Invalid value: \"k@y\": name part must consist of alphanumeric "
                        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
                        + "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                Arguments.of("app=b@d", "unable to parse requirement: values[0][app]: Invalid value: \"b@d\": a valid label must be an empty "
                        + "string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("badSyntax")
    void badSyntaxIsBadRequest(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(400);
                    assertThat(e.error().reason()).isEqualTo("BadRequest");
                    assertThat(e.error().message()).isEqualTo(message);
                });
    }

    @Test
    void emptySetsInParentheses() {
        assertThat(LabelSelector.parse("a in ()").requirements().get(0).values()).containsExactly("");
        assertThat(LabelSelector.parse("a in (,x)").requirements().get(0).values()).containsExactly("", "x");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{matchLabels: {app: web}}                                              | true",
            "{matchLabels: {app: db}}                                               | false",
            "{}                                                                     | true",
            "{matchExpressions: [{key: tier, operator: In, values: [front, back]}]} | true",
            "{matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}    | false",
            "{matchExpressions: [{key: app, operator: Exists}]}                     | true",
            "{matchExpressions: [{key: app, operator: DoesNotExist}]}               | false",
            "{matchLabels: {app: web}, matchExpressions: [{key: gone, operator: DoesNotExist}]} | true",
    })
    void fromObject(String selector, boolean matches) {
        assertThat(LabelSelector.fromObject(Fixtures.yaml("s: " + selector).get("s")).matches(LABELS)).isEqualTo(matches);
    }

    @Test
    void nullObjectSelectsNothing() {
        assertThat(LabelSelector.fromObject(null).matches(LABELS)).isFalse();
        assertThat(LabelSelector.fromObject(Fixtures.yaml("s: null").get("s")).isNothing()).isTrue();
    }

    @Test
    void fromObjectRejectsBadOperatorAndEmptyIn() {
        assertThatThrownBy(() -> LabelSelector.fromObject(Fixtures.yaml("s: {matchExpressions: [{key: a, operator: Equals}]}").get("s")))
                .isInstanceOf(ApiException.class).hasMessage("\"Equals\" is not a valid label selector operator");
        assertThatThrownBy(() -> LabelSelector.fromObject(Fixtures.yaml("s: {matchExpressions: [{key: a, operator: In}]}").get("s")))
                .isInstanceOf(ApiException.class).hasMessage("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
    }

    @Test
    void matchesObjectLabels() {
        assertThat(LabelSelector.parse("app=web").matchesObject(Fixtures.yaml("metadata: {labels: {app: web}}"))).isTrue();
        assertThat(LabelSelector.parse("app=web").matchesObject(Fixtures.yaml("metadata: {name: x}"))).isFalse();
        assertThat(LabelSelector.fromMap(Map.of("app", "web")).matches(LABELS)).isTrue();
        assertThat(LabelSelector.fromMap(Map.of()).isEverything()).isTrue();
    }
}

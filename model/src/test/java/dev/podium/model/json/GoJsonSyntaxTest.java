package dev.podium.model.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GoJsonSyntaxTest {
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":[1,2.5e-3,true,false,null,\"x\\u00e9\\n\\\"\"],\"b\":{},\"c\":[]}", "  [] ", "\"s\"", "0", "-0.1E+2", "{}\n"})
    void jsonIsAccepted(String text) {
        assertThat(GoJsonSyntax.error(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    /** encoding/json's SyntaxError texts for these inputs. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":            | unexpected end of JSON input",
            "``                 | unexpected end of JSON input",
            "{\"a\":\"x         | unexpected end of JSON input",
            "{\"a\" 1}          | invalid character '1' after object key",
            "{a:1}              | invalid character 'a' looking for beginning of object key string",
            "{\"a\":1,}         | invalid character '}' looking for beginning of object key string",
            "{\"a\":1} x        | invalid character 'x' after top-level value",
            "{\"a\": tru}       | invalid character '}' in literal true (expecting 'e')",
            "nul                | invalid character ' ' in literal null (expecting 'l')",
            "{\"a\":\"\\q\"}    | invalid character 'q' in string escape code",
            "[1,]               | invalid character ']' looking for beginning of value",
            "[1 2]              | invalid character '2' after array element",
            "{\"a\":01}         | invalid character '1' after object key:value pair",
            "{\"a\":-}          | invalid character '}' in numeric literal",
            "{\"a\":1.}         | invalid character '}' after decimal point in numeric literal",
            "{\"a\":1e}         | invalid character '}' in exponent of numeric literal",
            "{\"a\":\"\\u12g4\"} | invalid character 'g' in \\u hexadecimal character escape",
            "{'a':1}            | invalid character '\\'' looking for beginning of object key string",
            "<html>             | invalid character '<' looking for beginning of value",
    })
    void otherTextsGetGosSyntaxError(String text, String expected) {
        assertThat(GoJsonSyntax.error(text.getBytes(StandardCharsets.UTF_8))).contains(expected);
    }

    @Test
    void aControlCharacterInAStringIsAnError() {
        assertThat(GoJsonSyntax.error("{\"a\":\"x\ny\"}".getBytes(StandardCharsets.UTF_8))).contains("invalid character '\\n' in string literal");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"10|'\\n'", "9|'\\t'", "1|'\\x01'", "127|'\\x7f'", "92|'\\\\'", "233|'é'", "128|'\\u0080'"})
    void bytesAreShownAsGoQuotesThem(int b, String shown) {
        assertThat(GoJsonSyntax.quoteChar(b)).isEqualTo(shown);
    }
}

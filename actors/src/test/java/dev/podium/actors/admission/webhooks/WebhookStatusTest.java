package dev.podium.actors.admission.webhooks;

import dev.podium.model.api.ApiError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookStatusTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"{code: 403, reason: Forbidden, message: 'names may not start with bad-'}\" | 403 | Forbidden | admission webhook \"deny.example.com\" denied the request: names may not start with bad-",
            "\"{message: nope}\"                                                     | 400 |           | admission webhook \"deny.example.com\" denied the request: nope",
            "\"{code: 200, reason: NotAllowed}\"                                     | 400 | NotAllowed | admission webhook \"deny.example.com\" denied the request: NotAllowed",
            "\"{code: 422, reason: Invalid, message: bad}\"                          | 422 | Invalid   | admission webhook \"deny.example.com\" denied the request: bad",
            "                                                                      | 400 |           | admission webhook \"deny.example.com\" denied the request without explanation",
    })
    void aDenialCarriesTheWebhooksStatus(String status, int code, String reason, String message) {
        ApiError e = WebhookStatus.denied("deny.example.com", status == null ? null : WebhookFixtures.yaml(status));
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.reason()).isEqualTo(reason == null ? "" : reason);
        assertThat(e.message()).isEqualTo(message);
    }

    @Test
    void aCallThatFailsClosedIsAnInternalError() {
        ApiError e = WebhookStatus.callFailed("hook.example.com", "failed to call webhook: Post \"https://127.0.0.1:1/?timeout=10s\": "
                + "dial tcp 127.0.0.1:1: connect: connection refused");
        assertThat(e.code()).isEqualTo(500);
        assertThat(e.reason()).isEqualTo("InternalError");
        assertThat(e.message()).isEqualTo("Internal error occurred: failed calling webhook \"hook.example.com\": failed to call webhook: "
                + "Post \"https://127.0.0.1:1/?timeout=10s\": dial tcp 127.0.0.1:1: connect: connection refused");
        assertThat(e.details().causes()).singleElement().satisfies(c -> assertThat(c.message()).startsWith("failed calling webhook"));
    }
}

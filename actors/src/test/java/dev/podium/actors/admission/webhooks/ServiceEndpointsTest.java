package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEndpointsTest {
    static final Target.ServiceRef REF = new Target.ServiceRef("hooks", "webhook", "/validate", 443);

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"{spec: {ports: [{name: https, port: 443, targetPort: 8443}]}}\" | \"{subsets: [{addresses: [{ip: 10.0.0.7}], ports: [{name: https, port: 8443}]}]}\" | 10.0.0.7:8443",
            "\"{spec: {ports: [{port: 443}]}}\"                                 | \"{subsets: [{addresses: [{ip: 'fd00::7'}], ports: [{port: 9443}]}]}\"              | [fd00::7]:9443",
            "                                                                  |                                                                                   | service \"webhook\" not found",
            "\"{spec: {type: ExternalName, externalName: x.example.com}}\"     |                                                                                   | unsupported service type \"ExternalName\"",
            "\"{spec: {ports: [{name: https, port: 8443}]}}\"                   |                                                                                   | no service port 443 found for service \"webhook\"",
            "\"{spec: {ports: [{name: https, port: 443}]}}\"                    |                                                                                   | endpoints \"webhook\" not found",
            "\"{spec: {ports: [{name: https, port: 443}]}}\"                    | \"{subsets: [{notReadyAddresses: [{ip: 10.0.0.7}], ports: [{name: https, port: 8443}]}]}\" | no endpoints available for service \"webhook\"",
            "\"{spec: {ports: [{name: https, port: 443}]}}\"                    | \"{subsets: [{addresses: [{ip: 10.0.0.7}], ports: [{name: metrics, port: 9090}]}]}\" | no endpoints available for service \"webhook\"",
    })
    void aServiceResolvesToAReadyEndpointOfItsNamedPort(String service, String endpoints, String expected) {
        ObjectNode svc = service == null ? null : WebhookFixtures.yaml(service);
        ObjectNode eps = endpoints == null ? null : WebhookFixtures.yaml(endpoints);
        String outcome;
        try {
            outcome = ServiceEndpoints.resolve(REF, svc, eps);
        } catch (CallFailure f) {
            outcome = f.reason();
        }
        assertThat(outcome).isEqualTo(expected);
    }
}

package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookConfigurationColumnsTest {
    @Test
    void nameWebhooksAge() {
        for (String kind : new String[]{"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"}) {
            KindPrinter printer = TablePrinters.forKind(KindRegistry.get(kind + ".admissionregistration.k8s.io"));
            assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Webhooks", "Age");
            assertThat(printer.columns().get(1).type()).isEqualTo("integer");
            ObjectNode config = TestJson.obj("{'metadata':{'name':'hooks','creationTimestamp':'2024-01-01T00:00:00Z'},'webhooks':[{'name':'a'},{'name':'b'}]}");
            assertThat(printer.cells(config, Instant.parse("2024-01-01T00:05:00Z")).toString()).isEqualTo("[\"hooks\",2,\"5m\"]");
        }
    }
}

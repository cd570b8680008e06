package dev.podium.model.table;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class EventColumnsTest {
    private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");

    @Test
    void coreEvent() {
        var cells = new EventColumns().cells(obj("{'metadata':{'name':'web-1.17a'},'involvedObject':{'kind':'Pod','name':'web-1','fieldPath':'spec.containers{a}'},"
                + "'type':'Warning','reason':'BackOff','message':' Back-off restarting \\n','count':7,'firstTimestamp':'2024-01-01T00:00:00Z',"
                + "'lastTimestamp':'2024-01-01T00:59:00Z','source':{'component':'kubelet','host':'n1'}}"), NOW);
        assertThat(cells.toString()).isEqualTo("[\"60s\",\"Warning\",\"BackOff\",\"pod/web-1\",\"spec.containers{a}\",\"kubelet, n1\","
                + "\"Back-off restarting\",\"60m\",7,\"web-1.17a\"]");
    }

    @Test
    void newStyleEventUsesEventTimeAndReportingFields() {
        var cells = new EventColumns().cells(obj("{'metadata':{'name':'e'},'involvedObject':{'kind':'Node'},'type':'Normal','reason':'Starting',"
                + "'eventTime':'2024-01-01T00:58:00.000000Z','reportingComponent':'kube-proxy','reportingInstance':'kube-proxy-n1'}"), NOW);
        assertThat(cells.get(0).asText()).isEqualTo("2m");
        assertThat(cells.get(3).asText()).isEqualTo("node");
        assertThat(cells.get(5).asText()).isEqualTo("kube-proxy, kube-proxy-n1");
        assertThat(cells.get(7).asText()).isEqualTo("2m");
        assertThat(cells.get(8).asLong()).isEqualTo(1);
    }

    @Test
    void seriesOverridesLastSeenAndCount() {
        var cells = new EventColumns().cells(obj("{'involvedObject':{'kind':'Pod','name':'p'},'eventTime':'2024-01-01T00:00:00.000000Z',"
                + "'series':{'count':4,'lastObservedTime':'2024-01-01T00:59:30.000000Z'}}"), NOW);
        assertThat(cells.get(0).asText()).isEqualTo("30s");
        assertThat(cells.get(8).asLong()).isEqualTo(4);
    }

    @Test
    void noTimestampsIsUnknown() {
        var cells = new EventColumns().cells(obj("{'involvedObject':{'kind':'Pod','name':'p'}}"), NOW);
        assertThat(cells.get(0).asText()).isEqualTo("<unknown>");
    }
}

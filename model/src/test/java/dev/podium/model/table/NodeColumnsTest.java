package dev.podium.model.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class NodeColumnsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}                                 | Ready",
            "{'status':{'conditions':[{'type':'Ready','status':'False'}]}}                                | NotReady",
            "{'status':{'conditions':[{'type':'Ready','status':'Unknown'}]}}                              | NotReady",
            "{'status':{'conditions':[{'type':'MemoryPressure','status':'False'}]}}                       | Unknown",
            "{}                                                                                           | Unknown",
            "{'spec':{'unschedulable':true},'status':{'conditions':[{'type':'Ready','status':'True'}]}}   | Ready,SchedulingDisabled",
            "{'spec':{'unschedulable':true}}                                                              | Unknown,SchedulingDisabled",
    })
    void status(String node, String expected) {
        assertThat(NodeColumns.status(obj(node))).isEqualTo(expected);
    }

    @Test
    void rolesFromLabelsSorted() {
        assertThat(NodeColumns.roles(obj("{'metadata':{'labels':{'node-role.kubernetes.io/worker':'','node-role.kubernetes.io/control-plane':'','x':'y'}}}")))
                .isEqualTo("control-plane,worker");
        assertThat(NodeColumns.roles(obj("{'metadata':{'labels':{'kubernetes.io/role':'infra','node-role.kubernetes.io/':''}}}"))).isEqualTo("infra");
        assertThat(NodeColumns.roles(obj("{'metadata':{'labels':{'kubernetes.io/role':''}}}"))).isEqualTo("<none>");
        assertThat(NodeColumns.roles(obj("{}"))).isEqualTo("<none>");
    }

    @Test
    void cells() {
        Instant now = Instant.parse("2024-01-02T00:00:00Z");
        var cells = new NodeColumns().cells(obj("{'metadata':{'name':'n1','creationTimestamp':'2024-01-01T00:00:00Z'},"
                + "'status':{'conditions':[{'type':'Ready','status':'True'}],'addresses':[{'type':'Hostname','address':'n1'},{'type':'InternalIP','address':'10.0.0.1'}],"
                + "'nodeInfo':{'kubeletVersion':'v1.32.0','osImage':'Debian GNU/Linux 12'}}}"), now);
        assertThat(cells.toString()).isEqualTo(
                "[\"n1\",\"Ready\",\"<none>\",\"24h\",\"v1.32.0\",\"10.0.0.1\",\"<none>\",\"Debian GNU/Linux 12\",\"<unknown>\",\"<unknown>\"]");
    }
}

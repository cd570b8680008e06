package dev.podium.runtime.cri;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CriLogFormatTest {
    static final String LOG = """
            2026-12-06T06:50:47.849596207Z stdout F hello
            2026-12-06T06:50:47.851115545Z stderr P part one,\s
            2026-12-06T06:50:47.851115999Z stderr F part two
            2026-12-06T06:50:48.000000000+01:00 stdout F
            """;

    @Test
    void fullAndPartialRecordsBecomeTheOutputLines(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("0.log"), LOG);
        assertThat(new String(CriLogFormat.text(file), StandardCharsets.UTF_8)).isEqualTo("hello\npart one, part two\n\n");
        assertThat(CriLogFormat.timedLines(file)).containsExactly(
                "2026-12-06T06:50:47.849596207Z hello",
                "2026-12-06T06:50:47.851115545Z part one, part two",
                "2026-12-06T05:50:48.000000000Z ");
    }

    @Test
    void recordsKeepTheirStream() {
        var rs = CriLogFormat.records(LOG.getBytes(StandardCharsets.UTF_8)).records();
        assertThat(rs).extracting(CriLogFormat.Record::stream).containsExactly("stdout", "stderr", "stderr", "stdout");
        assertThat(rs.get(1).output()).isEqualTo("part one, ");
        assertThat(rs.get(2).output()).isEqualTo("part two\n");
    }

    @Test
    void aChunkConsumesOnlyCompleteRecords() {
        byte[] bytes = "2026-12-06T06:50:47.849596207Z stdout F one\n2026-12-06T06:50:47.9Z stdout F tw".getBytes(StandardCharsets.UTF_8);
        CriLogFormat.Chunk c = CriLogFormat.parse(bytes);
        assertThat(c.text()).isEqualTo("one\n");
        assertThat(c.consumed()).isEqualTo(bytes.length - "2026-12-06T06:50:47.9Z stdout F tw".length());
    }
}

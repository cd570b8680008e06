package dev.podium.model.kinds.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CronScheduleTest {
    static CronSchedule parsed(String spec) {
        CronSchedule.Parse p = CronSchedule.parse(spec);
        assertThat(p).as(spec).isInstanceOf(CronSchedule.Parsed.class);
        return ((CronSchedule.Parsed) p).schedule();
    }

    @ParameterizedTest(name = "[{index}] {0} after {1}")
    @CsvSource(delimiter = '|', value = {
            "*/15 * * * *                     | 2024-01-01T00:07:30Z     | 2024-01-01T00:15Z",
            "0 0 * * *                        | 2024-01-01T00:00Z        | 2024-01-02T00:00Z",
            "30 2 1 * *                       | 2024-01-05T00:00Z        | 2024-02-01T02:30Z",
            "5/20 * * * *                     | 2024-01-01T00:06Z        | 2024-01-01T00:25Z",
            "0 9 * * mon-fri                  | 2024-01-06T12:00Z        | 2024-01-08T09:00Z",
            "0 0 1 JAN *                      | 2024-01-01T00:00Z        | 2025-01-01T00:00Z",
            "0 0 ? * 0                        | 2024-01-01T00:00Z        | 2024-01-07T00:00Z",
            "0 0 13 * 5                       | 2024-01-01T00:00Z        | 2024-01-05T00:00Z",
            "0 0 13 * 5                       | 2024-01-12T00:00Z        | 2024-01-13T00:00Z",
            "0 0 */10 * 2                     | 2024-01-01T00:00Z        | 2024-01-02T00:00Z",
            "0,30 8-9 * * *                   | 2024-01-01T08:45Z        | 2024-01-01T09:00Z",
            "@hourly                          | 2024-01-01T00:30Z        | 2024-01-01T01:00Z",
            "@daily                           | 2024-01-01T12:00Z        | 2024-01-02T00:00Z",
            "@midnight                        | 2024-01-01T12:00Z        | 2024-01-02T00:00Z",
            "@weekly                          | 2024-01-01T00:00Z        | 2024-01-07T00:00Z",
            "@monthly                         | 2024-01-15T00:00Z        | 2024-02-01T00:00Z",
            "@yearly                          | 2024-03-01T00:00Z        | 2025-01-01T00:00Z",
            "@annually                        | 2024-03-01T00:00Z        | 2025-01-01T00:00Z",
            "@every 90m                       | 2024-01-01T00:00:10.5Z   | 2024-01-01T01:30:10Z",
            "@every 1h30m15.5s                | 2024-01-01T00:00Z        | 2024-01-01T01:30:15Z",
            "@every 500ms                     | 2024-01-01T00:00Z        | 2024-01-01T00:00:01Z",
            "TZ=America/New_York 0 9 * * *    | 2024-01-01T00:00Z        | 2024-01-01T09:00-05:00[America/New_York]",
            "CRON_TZ=Asia/Tokyo @daily        | 2024-01-01T00:00Z        | 2024-01-02T00:00+09:00[Asia/Tokyo]",
    })
    void nextRun(String spec, String after, String expected) {
        Optional<ZonedDateTime> next = parsed(spec).next(ZonedDateTime.parse(after));
        assertThat(next).map(ZonedDateTime::toString).hasValue(expected);
    }

    @Test
    void withoutAPrefixTheScheduleRunsInTheCallersZone() {
        ZonedDateTime berlinMorning = ZonedDateTime.parse("2024-07-01T06:00+02:00[Europe/Berlin]");
        assertThat(parsed("0 9 * * *").next(berlinMorning)).map(ZonedDateTime::toString).hasValue("2024-07-01T09:00+02:00[Europe/Berlin]");
        assertThat(parsed("0 9 * * *").zone()).isEmpty();
        assertThat(parsed("TZ=Europe/Berlin 0 9 * * *").zone()).hasValue(ZoneId.of("Europe/Berlin"));
        assertThat(parsed("0 0 30 2 *").next(berlinMorning)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                          | empty spec string",
            "* * * *                       | expected exactly 5 fields, found 4: [* * * *]",
            "0 0 * * * *                   | expected exactly 5 fields, found 6: [0 0 * * * *]",
            "@fortnightly                  | unrecognized descriptor: @fortnightly",
            "@every 1d                     | failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\"",
            "@every 5                      | failed to parse duration @every 5: time: missing unit in duration \"5\"",
            "@every soon                   | failed to parse duration @every soon: time: invalid duration \"soon\"",
            "TZ=Mars/Olympus 0 * * * *     | provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
            "0 0 * * 7                     | end of range (7) above maximum (6): 7",
            "0 0 * * 1,5-7                 | end of range (7) above maximum (6): 5-7",
            "0 0 * * 8/2                   | beginning of range (8) beyond end of range (6): 8/2",
            "60 * * * *                    | Value 60 not in range [0, 59]",
            "0 24 * * *                    | Value 24 not in range [0, 23]",
            "0 0 0 * *                     | Value 0 not in range [1, 31]",
            "5-1 * * * *                   | Invalid range! [5,1]",
    })
    void errors(String spec, String expected) {
        assertThat(CronSchedule.parse(spec)).isEqualTo(new CronSchedule.Unparseable(expected));
    }
}

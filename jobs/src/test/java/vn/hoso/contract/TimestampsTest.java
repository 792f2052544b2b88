package vn.hoso.contract;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The portal format read digit by digit gives what java.time's strict formatter gives, errors included. */
class TimestampsTest {
    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    @Test
    void thePortalFormatIsLocalVietnamTime() {
        assertThat(Timestamps.parse("20240304090000")).isEqualTo(Instant.parse("2024-03-04T02:00:00Z"));
        assertThat(Timestamps.parse(" 20240229235959 ")).isEqualTo(Instant.parse("2024-02-29T16:59:59Z"));
        assertThatThrownBy(() -> Timestamps.parse("20230229120000")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("20241304120000")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("20240304240000")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void agreesWithTheStrictFormatterOnRandomDigits() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            String s = String.format("%04d%02d%02d%02d%02d%02d", 1990 + random.nextInt(50), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62));
            Instant expected;
            try {
                expected = LocalDateTime.parse(s, STRICT).atZone(Timestamps.VIETNAM).toInstant();
            } catch (DateTimeParseException e) {
                expected = null;
            }
            Instant actual;
            try {
                actual = Timestamps.parse(s);
            } catch (DateTimeParseException e) {
                actual = null;
            }
            assertThat(actual).as(s).isEqualTo(expected);
        }
    }
}

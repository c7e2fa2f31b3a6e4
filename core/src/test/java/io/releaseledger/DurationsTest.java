package io.releaseledger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.junit.Test;

public class DurationsTest {

    @Test
    public void readsEveryUnitAndCombinationsLargestFirst() {
        assertEquals(Duration.ofMillis(500), Durations.parse("f", "500ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("f", "10s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("f", "2m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("f", "1h30m"));
        assertEquals(Duration.ofDays(1).plusSeconds(1).plusMillis(5), Durations.parse("f", "1d1s5ms"));
        assertEquals(Duration.ZERO, Durations.parse("f", " 0s "));
    }

    @Test
    public void errorNamesTheFieldTheValueAndValidForms() {
        InvalidDurationException e = assertThrows(InvalidDurationException.class,
                () -> Durations.parse("verification.interval", "10"));
        assertEquals("verification.interval", e.field());
        assertEquals("10", e.value());
        assertTrue(e.getMessage(), e.getMessage().startsWith("verification.interval \"10\" is not a valid duration (a unit is missing)"));
        assertTrue(e.getMessage(), e.getMessage().contains("1h30m"));
    }

    @Test
    public void refusesWhatItCannotReadUnambiguously() {
        for (String bad : new String[] {"", "  ", "s", "1.5s", "10x", "30m1h", "1m1m", "-5s", "10 s", "1h 30m", "99999999999999d"}) {
            InvalidDurationException e = assertThrows(bad, InvalidDurationException.class, () -> Durations.parse("bakeTime", bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("bakeTime "));
        }
        assertThrows(InvalidDurationException.class, () -> Durations.parse("bakeTime", null));
    }

    @Test
    public void formatWritesWhatParseReads() {
        for (String text : new String[] {"0s", "500ms", "10s", "2m", "1h30m", "2d", "26h3m4s5ms"}) {
            assertEquals(text, Durations.format(Durations.parse("f", text)));
        }
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("days only for whole days", "60h", Durations.format(Duration.ofHours(60)));
    }
}

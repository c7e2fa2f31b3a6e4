package io.releaseledger.internal;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.Test;

/** The one backoff: doubling waits, capped, each spread over half to one and a half times itself. */
public class BackoffTest {

    @Test
    public void waitsDoubleUpToTheCapEachSpreadAroundItsValue() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        long[] base = {100, 200, 400, 500, 500};
        for (int retry = 1; retry <= base.length; retry++) {
            for (int sample = 0; sample < 200; sample++) {
                long wait = backoff.delay(retry).toMillis();
                long expected = base[retry - 1];
                assertTrue("retry " + retry + " waited " + wait, wait >= expected / 2 && wait <= Math.min(expected * 3 / 2, 500));
            }
        }
        long late = new Backoff(Duration.ofMillis(1), Duration.ofMillis(500)).delay(1_000).toMillis();
        assertTrue("the thousandth retry waited " + late, late >= 250 && late <= 500);
    }

    @Test
    public void theWaitsAreSpreadNotAllTheSame() {
        Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(1000));
        long distinct = IntStream.range(0, 50).mapToLong(i -> backoff.delay(1).toMillis()).distinct().count();
        assertTrue("50 waits took " + distinct + " values", distinct > 10);
    }

    @Test
    public void refusesWaitsThatAreNotPositiveOrACapBelowTheFirst() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).delay(0));
    }
}

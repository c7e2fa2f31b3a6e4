package io.releaseledger.testing;

import io.releaseledger.health.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when told to, with a sleeper that moves it: minute-scale policies run instantly. */
public final class VirtualClock extends Clock {
    private volatile Instant now;

    public VirtualClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** Moves the clock anywhere, backwards too: a clock stepped back by NTP, or another machine's. */
    public void set(Instant instant) {
        now = instant;
    }

    public Sleeper sleeper() {
        return wakeAt -> {
            if (wakeAt.isAfter(now)) now = wakeAt;
        };
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

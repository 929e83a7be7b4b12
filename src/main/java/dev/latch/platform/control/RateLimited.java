package dev.latch.platform.control;

import java.time.Duration;

/** Too many attempts: 429, and the client learns when it may try again. */
public class RateLimited extends LatchException {

    private final Duration retryAfter;

    public RateLimited(String detail, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

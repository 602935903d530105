package dev.sseboot.web;

/**
 * A stream request answered with an error instead of a stream: the status, a one-line message for
 * the body, and, for a temporary refusal (a connection cap, a shutdown), when to try again.
 */
public final class StreamRefusal extends Exception {

    private final int status;
    private final long retryAfterSeconds;

    StreamRefusal(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** The {@code Retry-After} seconds, or 0 when the refusal is not temporary. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

package dev.sseboot.core.hub;

/** A subscribe refused because a connection cap is reached; transports answer 503 with Retry-After. */
public final class SseRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SseRejectedException(String message) {
        super(message);
    }
}

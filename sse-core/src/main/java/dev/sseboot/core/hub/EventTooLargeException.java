package dev.sseboot.core.hub;

/**
 * A publish was refused because the event is larger than {@link SseSettings#maxEventSize()}; nothing
 * was stored or delivered. An {@link IllegalArgumentException}, as the event is the caller's input;
 * a web API can tell it apart to answer {@code 413 Content Too Large}.
 */
public class EventTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long maxSize;

    public EventTooLargeException(long size, long maxSize) {
        super("The event is " + size + " bytes of UTF-8, more than the maximum event size of " + maxSize + " bytes");
        this.size = size;
        this.maxSize = maxSize;
    }

    /** The event's size, {@link dev.sseboot.core.wire.SseMessage#size()}. */
    public long size() {
        return size;
    }

    /** The limit it exceeded. */
    public long maxSize() {
        return maxSize;
    }
}

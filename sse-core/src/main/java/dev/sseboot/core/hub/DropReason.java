package dev.sseboot.core.hub;

/** Why a frame was not delivered to one client that stays connected. */
public enum DropReason {
    /** The queue was full under {@link SlowConsumerPolicy#DROP_OLDEST}: the oldest frame made room. */
    QUEUE_FULL,
    /** A write was stuck past the write timeout and {@code closeOnTimeout} is off: the frame was skipped. */
    WRITE_TIMEOUT
}

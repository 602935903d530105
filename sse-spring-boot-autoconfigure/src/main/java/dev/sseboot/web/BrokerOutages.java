package dev.sseboot.web;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.wire.SseMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broker outages as the web layer answers them: every publish refused with {@link SseBrokerException}
 * gets {@code 503} with a {@code Retry-After}, and the log gets one WARN when refusals start and one
 * when a publish succeeds again, with the number refused in between, instead of a stack trace per
 * request. As a hub listener it sees the first successful publish.
 */
public class BrokerOutages implements SseHubListener {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutages.class);

    private final long retryAfterSeconds;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();

    /** {@code Retry-After} is {@code sse.retry}, the delay streams are told to wait before they reconnect, at least 1 s. */
    public BrokerOutages(SseSettings settings) {
        this.retryAfterSeconds = Math.max(1, settings.retry().toSeconds());
    }

    /** The seconds for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A request was answered {@code 503} because the broker refused its publish. */
    public void refused(SseBrokerException exception) {
        refused.incrementAndGet();
        if (down.compareAndSet(false, true)) {
            log.warn("The SSE broker refuses publishes; they are answered 503 with Retry-After {} s until it "
                    + "takes them again: {}", retryAfterSeconds, exception.getMessage());
        }
    }

    @Override
    public void published(String channel, SseMessage message) {
        if (down.get() && down.compareAndSet(true, false)) {
            log.warn("The SSE broker takes publishes again; {} were refused with 503 meanwhile", refused.getAndSet(0));
        }
    }
}

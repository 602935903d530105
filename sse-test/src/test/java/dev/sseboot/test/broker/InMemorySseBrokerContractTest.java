package dev.sseboot.test.broker;

import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.broker.SseBroker;

import java.time.Duration;

/** The in-memory broker keeps the ids publishers set and trims its replay window exactly. */
class InMemorySseBrokerContractTest extends AbstractSseBrokerContractTest {

    @Override
    protected SseBroker createBroker(int replaySize) {
        return new InMemorySseBroker(replaySize, Duration.ofMinutes(5));
    }

    @Override
    protected PublisherIds publisherIds() {
        return PublisherIds.KEPT;
    }
}

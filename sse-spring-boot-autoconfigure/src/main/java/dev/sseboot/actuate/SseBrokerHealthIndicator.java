package dev.sseboot.actuate;

import dev.sseboot.core.broker.SseBroker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the broker can take publishes, DOWN (for example during a Redis outage) otherwise. */
public class SseBrokerHealthIndicator implements HealthIndicator {

    private final SseBroker broker;

    public SseBrokerHealthIndicator(SseBroker broker) {
        this.broker = broker;
    }

    @Override
    public Health health() {
        Health.Builder builder = broker.isAvailable() ? Health.up() : Health.down();
        return builder.withDetail("broker", broker.getClass().getSimpleName()).build();
    }
}

package dev.sseboot.redis;

import dev.sseboot.core.presence.InstancePresence;
import dev.sseboot.core.presence.PresenceChange;
import dev.sseboot.redis.presence.RedisSsePresence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance in a JVM of its own, killed with SIGKILL: it says nothing on its way out, and the
 * fleet drops it by its missed heartbeats within the documented bound (expiry plus one heartbeat).
 */
class RedisPresenceKilledInstanceTest {

    private static final Logger log = LoggerFactory.getLogger(RedisPresenceKilledInstanceTest.class);
    private static final Pattern READY = Pattern.compile("READY (\\S+)");
    /** The documented bound with the default heartbeat and expiry. */
    private static final Duration BOUND = RedisSsePresence.DEFAULT_EXPIRY.plus(RedisSsePresence.DEFAULT_HEARTBEAT)
            .plusSeconds(2);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private Process other;
    private Path output;

    @AfterEach
    void stop() throws Exception {
        if (other != null) {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledInstanceDropsOutOfPresenceWithinTheBound() throws Exception {
        try (PresenceNode survivor = new PresenceNode(redis.connectionFactory(), "killed:", 1000)) {
            RecordedChanges changes = new RecordedChanges();
            survivor.presence.addListener(changes);
            survivor.open("room", "stays");
            String otherId = startOther("room", "hank,ivy");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(survivor.presence.instances()).extracting(InstancePresence::id).contains(otherId);
                assertThat(survivor.presence.channel("room").streams()).isEqualTo(4);
            });

            long killedAt = System.nanoTime();
            other.destroyForcibly();   // SIGKILL on Unix: no shutdown hook, no goodbye
            assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();

            await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                assertThat(survivor.presence.instances()).extracting(InstancePresence::id)
                        .containsExactly(survivor.id());
                assertThat(survivor.presence.channel("room").users()).containsExactly(Map.entry("stays", 1));
                assertThat(survivor.presence.channel("room").streams()).isEqualTo(1);
            });
            Duration gone = Duration.ofNanos(System.nanoTime() - killedAt);
            log.info("The killed instance left presence {} ms after SIGKILL", gone.toMillis());
            assertThat(changes.unsubscribed()).containsExactlyInAnyOrder(new PresenceChange("room", "hank", otherId, 1),
                    new PresenceChange("room", "ivy", otherId, 1), new PresenceChange("room", null, otherId, 1));
            assertThat(redis.commands().keys("killed:{#presence}:*" + otherId.replace("*", "\\*") + "*")).isEmpty();
        }
    }

    /** Starts {@link PresenceInstanceMain} in a JVM of its own; returns its instance id once it holds its streams. */
    private String startOther(String channel, String users) throws IOException {
        output = Files.createTempFile("presence-instance", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PresenceInstanceMain.class.getName(), Integer.toString(redis.port()), "killed:", channel, users)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(other.isAlive()).as("the other instance runs: %s", Files.readString(output)).isTrue();
            Matcher ready = READY.matcher(Files.readString(output));
            if (ready.find()) {
                id[0] = ready.group(1);
                return true;
            }
            return false;
        });
        return id[0];
    }
}

package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.redis.RedisClusterExtension;
import dev.sseboot.redis.presence.RedisSsePresence;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet of three application instances (JVMs of their own, {@code sse.broker=redis},
 * {@code sse.redis.min-replica-acks=1}) on a Redis Cluster of three masters and three replicas
 * (soak profile). 100,000 events over 200 channels are published through the instances in turn
 * while two clients per channel read through a round-robin balancer; mid-run one instance is
 * killed with SIGKILL (its clients resume on the others with their Last-Event-ID) and later the
 * master that holds presence and a third of the channels (its replica takes over, and the killed
 * node comes back as a replica).
 *
 * <p>Every publish that was acknowledged reaches every client of its channel exactly once and in
 * the channel's order, under the id its publish returned, or that client got the gap event (none
 * is expected: the replay window holds every event of a channel). Presence then counts exactly the
 * streams that are open, and the killed instance drops out of it within the documented bound.
 */
@Tag("soak")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RedisClusterFleetSoakTest {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterFleetSoakTest.class);
    private static final int EVENTS = 100_000;
    private static final int CHANNELS = 200;
    private static final int CLIENTS_PER_CHANNEL = 2;
    private static final int INSTANCES = 3;
    /** Each publisher owns the channels {@code c} with {@code c % PUBLISHERS} its number, so each channel's order is its publisher's. */
    private static final int PUBLISHERS = 20;
    private static final int EVENTS_PER_SECOND = 1_000;
    private static final int KILL_INSTANCE_AT = 30_000;
    private static final int KILL_MASTER_AT = 60_000;
    private static final String KEY_PREFIX = "sse:";
    private static final String GAP_EVENT = "sse-gap";
    /** The documented bound with the default heartbeat and expiry, and time to read it over HTTP on a busy machine. */
    private static final Duration PRESENCE_BOUND = RedisSsePresence.DEFAULT_EXPIRY
            .plus(RedisSsePresence.DEFAULT_HEARTBEAT).plusSeconds(2);
    private static final Duration LONG_WAIT = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = new JsonMapper();

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ServerJvm> instances = new ArrayList<>();
    private final Set<Integer> refusing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicInteger attempted = new AtomicInteger();
    /** Acknowledged publishes: event number to the id the instance answered. */
    private final Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger rerouted = new AtomicInteger();
    private final List<String> unexpected = new ArrayList<>();

    @Test
    void everyAcknowledgedEventReachesEveryClientOnceInOrderThroughAKilledInstanceAndAKilledMaster()
            throws Exception {
        long begun = System.nanoTime();
        HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<SseTestClient> clients = new ArrayList<>();
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            startInstances();
            List<String> ids = instances.stream().map(instance -> fleet(instance).get("instance").asString()).toList();
            try (RoundRobinBalancer balancer = new RoundRobinBalancer(instances.stream().map(ServerJvm::port).toList())) {
                for (int channel = 0; channel < CHANNELS; channel++) {
                    for (int i = 0; i < CLIENTS_PER_CHANNEL; i++) {
                        clients.add(SseTestClient.connect(SseClient.builder(URI.create("http://127.0.0.1:"
                                + balancer.port() + "/events/" + channel(channel))).httpClient(streams)));
                    }
                }
                clients.forEach(client -> client.awaitOpen(WAIT));
                awaitPresence(instances.get(1), ids, CHANNELS * CLIENTS_PER_CHANNEL, WAIT);
                Duration startup = since(begun);

                long publishing = System.nanoTime();
                List<CompletableFuture<Void>> publishes = IntStream.range(0, PUBLISHERS)
                        .mapToObj(publisher -> CompletableFuture.runAsync(() -> publishAll(publisher, publishing),
                                publishers)).toList();

                await().atMost(LONG_WAIT).until(() -> attempted.get() >= KILL_INSTANCE_AT);
                long killedAt = System.nanoTime();
                instances.get(0).kill();
                List<String> survivors = ids.subList(1, INSTANCES);
                awaitPresence(instances.get(1), survivors, CHANNELS * CLIENTS_PER_CHANNEL, PRESENCE_BOUND);
                Duration droppedOut = since(killedAt);

                await().atMost(LONG_WAIT).until(() -> attempted.get() >= KILL_MASTER_AT);
                long masterKilledAt = System.nanoTime();
                int killedMaster = redis.killMasterOf(KEY_PREFIX + "{#presence}");
                Duration failover = since(masterKilledAt);
                long restartedAt = System.nanoTime();
                redis.restart(killedMaster);
                Duration rejoined = since(restartedAt);

                CompletableFuture.allOf(publishes.toArray(CompletableFuture[]::new))
                        .get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS);
                Duration published = since(publishing);
                long lastPublished = System.nanoTime();
                Map<Integer, List<Integer>> acknowledgedByChannel = byChannel(acknowledged.keySet());
                await().atMost(LONG_WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                        IntStream.range(0, clients.size()).filter(i -> !hasLastOf(clients.get(i),
                                acknowledgedByChannel.get(i / CLIENTS_PER_CHANNEL))).mapToObj(i -> describe(clients.get(i),
                                i / CLIENTS_PER_CHANNEL, acknowledgedByChannel.get(i / CLIENTS_PER_CHANNEL))).toList())
                        .as("clients still without their channel's last acknowledged event").isEmpty());
                Duration caughtUp = since(lastPublished);

                Deliveries deliveries = new Deliveries();
                for (int i = 0; i < clients.size(); i++) {
                    deliveries.check(clients.get(i).events(), acknowledgedByChannel.get(i / CLIENTS_PER_CHANNEL));
                }
                awaitPresence(instances.get(1), survivors, CHANNELS * CLIENTS_PER_CHANNEL, PRESENCE_BOUND);
                assertThat(balancer.connections()).as("clients connected through the balancer")
                        .isEqualTo(CHANNELS * CLIENTS_PER_CHANNEL);
                int reconnections = clients.stream().mapToInt(client -> client.opens() - 1).sum();

                log.info("Fleet soak on a Redis Cluster: {} events over {} channels, {} publishers at up to {}/s; {}"
                        + " acknowledged, {} refused with 503 (the failover, and the shard without a replica until its"
                        + " old master rejoined), {} unanswered (in flight at the instance's kill), {} sent to the next"
                        + " instance after a refused connection; {} deliveries to {} clients ({} distinct events, {}"
                        + " stored but not acknowledged); gaps {}, duplicates {}, out of order {}, acknowledged but"
                        + " missing {}, wrong ids {}; {} reconnections. Startup {} s, publishing {} s, instance SIGKILL"
                        + " out of presence after {} ms, master SIGKILL to its replica serving {} ms, rejoined as a"
                        + " replica after {} ms, last delivery {} ms after the last publish; {} s in all",
                        EVENTS, CHANNELS, PUBLISHERS, EVENTS_PER_SECOND, acknowledged.size(), refused.get(),
                        unanswered.get(), rerouted.get(), deliveries.delivered, clients.size(),
                        deliveries.distinct.size(), deliveries.unacknowledged(acknowledged.keySet()), deliveries.gaps,
                        deliveries.duplicates, deliveries.outOfOrder, deliveries.missing, deliveries.wrongIds,
                        reconnections, startup.toSeconds(), published.toSeconds(), droppedOut.toMillis(),
                        failover.toMillis(), rejoined.toMillis(), caughtUp.toMillis(), since(begun).toSeconds());

                assertThat(unexpected).as("answers other than 200 and 503").isEmpty();
                assertThat(acknowledged.size() + refused.get() + unanswered.get()).as("every event published once")
                        .isEqualTo(EVENTS);
                assertThat(deliveries.duplicates).as("duplicates").isZero();
                assertThat(deliveries.outOfOrder).as("out of order").isZero();
                assertThat(deliveries.wrongIds).as("delivered under another id than acknowledged").isZero();
                assertThat(deliveries.missing).as("acknowledged, not delivered and no gap event").isZero();
                assertThat(deliveries.gaps).as("gap events: the replay window holds every event of a channel").isZero();
            }
        } finally {
            publishers.shutdownNow();
            clients.forEach(SseTestClient::close);
            instances.forEach(ServerJvm::kill);
        }
    }

    private void startInstances() {
        List<String> arguments = List.of("--sse.broker=redis", "--spring.data.redis.cluster.nodes=" + redis.nodes(),
                "--spring.data.redis.timeout=2s", "--sse.redis.key-prefix=" + KEY_PREFIX,
                "--sse.redis.min-replica-acks=1", "--sse.redis.min-replica-ack-timeout=1s", "--sse.replay.size=1000",
                "--sse.retry=500ms", "--management.endpoints.web.exposure.include=sse", "--spring.main.banner-mode=off");
        List<CompletableFuture<ServerJvm>> starting = IntStream.range(0, INSTANCES)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return ServerJvm.start("fleet-soak-" + i, "256m", arguments);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException("Instance " + i + " did not start", e);
                    }
                })).toList();
        // Each start ends within ServerJvm's bound, killing its JVM when it fails: wait for all, keep what started.
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).handle((all, failure) -> null).join();
        starting.stream().filter(instance -> !instance.isCompletedExceptionally()).map(CompletableFuture::join)
                .forEach(instances::add);
        starting.forEach(CompletableFuture::join);
    }

    private static String channel(int channel) {
        return "soak-" + channel;
    }

    /** Publishes every event of this publisher's channels in order, keeping to the overall rate. */
    private void publishAll(int publisher, long start) {
        for (int event = publisher; event < EVENTS; event += PUBLISHERS) {
            long due = start + event * (TimeUnit.SECONDS.toNanos(1) / EVENTS_PER_SECOND);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(event);
            int done = attempted.incrementAndGet();
            if (done % 10_000 == 0) {
                log.info("{} events published, {} acknowledged, {} refused", done, acknowledged.size(), refused.get());
            }
        }
    }

    /**
     * Publishes through the next instance in turn; an instance that refuses the connection has not
     * seen the event, so the next one is asked. A 503 (Redis refused) and a request whose answer was
     * lost are not retried: a retry may store the event twice.
     */
    private void publish(int event) {
        for (int tries = 0; tries < INSTANCES; tries++) {
            int instance = Math.floorMod(roundRobin.getAndIncrement(), INSTANCES);
            if (refusing.contains(instance)) {
                continue;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + instances.get(instance).port() + "/publish/" + channel(event % CHANNELS)))
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(Integer.toString(event)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    acknowledged.put(event, response.body());
                } else if (response.statusCode() == 503) {
                    refused.incrementAndGet();
                } else {
                    synchronized (unexpected) {
                        unexpected.add(event + ": " + response.statusCode() + " " + response.body());
                    }
                }
                return;
            } catch (ConnectException e) {
                refusing.add(instance);
                rerouted.incrementAndGet();
            } catch (IOException e) {
                unanswered.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("No instance took event " + event);
    }

    private JsonNode fleet(ServerJvm instance) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + instance.port() + "/actuator/sse")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode fleet = JSON.readTree(response.body()).get("fleet");
            assertThat(fleet.get("available").asBoolean()).as("presence readable: %s", fleet).isTrue();
            return fleet;
        } catch (IOException e) {
            throw new AssertionError("The actuator of the instance on port " + instance.port() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the instance sees exactly these instances, and the streams of every channel as the clients hold them. */
    private void awaitPresence(ServerJvm viewer, List<String> ids, int streams, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode fleet = fleet(viewer);
            assertThat(fleet.get("instances").valueStream().map(instance -> instance.get("id").asString()))
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(fleet.get("streams").asInt()).isEqualTo(streams);
            Map<String, Integer> channels = new HashMap<>();
            fleet.get("channels").valueStream()
                    .forEach(channel -> channels.put(channel.get("name").asString(), channel.get("streams").asInt()));
            Map<String, Integer> expected = new HashMap<>();
            IntStream.range(0, CHANNELS).forEach(channel -> expected.put(channel(channel), CLIENTS_PER_CHANNEL));
            assertThat(channels).isEqualTo(expected);
        });
    }

    private static Map<Integer, List<Integer>> byChannel(Set<Integer> events) {
        Map<Integer, List<Integer>> byChannel = new HashMap<>();
        IntStream.range(0, CHANNELS).forEach(channel -> byChannel.put(channel, new ArrayList<>()));
        events.stream().sorted().forEach(event -> byChannel.get(event % CHANNELS).add(event));
        return byChannel;
    }

    /** Whether the client has the channel's last acknowledged event (or later); the order check comes after. */
    private static boolean hasLastOf(SseTestClient client, List<Integer> acknowledged) {
        if (acknowledged.isEmpty()) {
            return true;
        }
        List<SseEvent> events = client.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (!GAP_EVENT.equals(events.get(i).event())) {
                return Integer.parseInt(events.get(i).data()) >= acknowledged.get(acknowledged.size() - 1);
            }
        }
        return false;
    }

    private static String describe(SseTestClient client, int channel, List<Integer> acknowledged) {
        List<SseEvent> events = client.events();
        return channel(channel) + " (opened " + client.opens() + " times, " + events.size() + " events, the last "
                + (events.isEmpty() ? "none" : events.get(events.size() - 1)) + "; " + acknowledged.size()
                + " acknowledged, the last " + (acknowledged.isEmpty() ? "none" : acknowledged.get(acknowledged.size() - 1))
                + ")";
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** What the clients got, against what was acknowledged. */
    private final class Deliveries {

        int delivered;
        int gaps;
        int duplicates;
        int outOfOrder;
        int missing;
        int wrongIds;
        final Set<Integer> distinct = new HashSet<>();

        /** One client's events against its channel's acknowledged events, in publish order. */
        void check(List<SseEvent> events, List<Integer> channelAcknowledged) {
            Set<Integer> seen = new HashSet<>();
            int last = -1;
            boolean gap = false;
            for (SseEvent event : events) {
                if (GAP_EVENT.equals(event.event())) {
                    gaps++;
                    gap = true;
                    continue;
                }
                int number = Integer.parseInt(event.data());
                delivered++;
                distinct.add(number);
                if (!seen.add(number)) {
                    duplicates++;
                } else if (number < last) {
                    outOfOrder++;
                }
                last = Math.max(last, number);
                String id = acknowledged.get(number);
                if (id != null && !id.equals(event.id())) {
                    wrongIds++;
                }
            }
            if (!gap) {
                missing += (int) channelAcknowledged.stream().filter(event -> !seen.contains(event)).count();
            }
        }

        int unacknowledged(Set<Integer> acknowledgedEvents) {
            return (int) distinct.stream().filter(event -> !acknowledgedEvents.contains(event)).count();
        }
    }
}

package dev.sseboot.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis Cluster of real {@code redis-server} processes (the machine's Redis 7; without it the
 * test class is skipped, saying so) for one test
 * class: three masters and three replicas on free ports, in a temporary directory, joined with
 * {@code redis-cli --cluster create}. A test can kill a master ({@link #killMasterOf}) and wait for
 * its replica to take over.
 *
 * <pre>{@code @RegisterExtension static RedisClusterExtension redis = new RedisClusterExtension();}</pre>
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback, RedisDeployment {

    private static final int NODES = 6;
    /** How long a master may be silent before its replica takes over. */
    private static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final Map<Integer, Process> servers = new LinkedHashMap<>();
    private Path directory;
    private RedisClusterClient adminClient;
    private StatefulRedisClusterConnection<String, String> admin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RedisServerExtension.assumeSystemRedis();
        directory = Files.createTempDirectory("sse-redis-cluster");
        for (int port : freePorts()) {
            servers.put(port, startServer(port));
        }
        List<String> create = new ArrayList<>(List.of(RedisServerExtension.SYSTEM_REDIS_CLI.toString(), "--cluster",
                "create"));
        servers.keySet().forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        TestRedis.awaitCondition("the cluster's nodes to accept connections", () -> servers.keySet().stream()
                .allMatch(RedisClusterExtension::accepts));
        Process creating = new ProcessBuilder(create).redirectErrorStream(true)
                .redirectOutput(directory.resolve("create.log").toFile()).start();
        if (!creating.waitFor(START_WAIT.toSeconds(), TimeUnit.SECONDS) || creating.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: "
                    + Files.readString(directory.resolve("create.log")));
        }
        List<RedisURI> uris = servers.keySet().stream().map(port -> RedisURI.create("127.0.0.1", port)).toList();
        adminClient = RedisClusterClient.create(uris);
        adminClient.setOptions(clientOptions());
        TestRedis.awaitCondition("the cluster to be ready", this::ready);
    }

    /** Starts the node on its port in its directory; one that ran before rejoins with its nodes.conf. */
    private Process startServer(int port) throws IOException {
        Path node = Files.createDirectories(directory.resolve(Integer.toString(port)));
        return new ProcessBuilder(RedisServerExtension.SYSTEM_REDIS.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", node.toString(),
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        node.resolve("redis.log").toFile())).start();
    }

    /**
     * Starts a killed node again; it rejoins as a replica of the master that took over, and this
     * returns once that master has it as its replica again.
     */
    public void restart(int port) throws IOException, InterruptedException {
        servers.put(port, startServer(port));
        TestRedis.awaitCondition("the restarted node to replicate again", () -> clusterOk(port));
        TestRedis.awaitCondition("every node to see the cluster whole", this::ready);
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /** Every node reports the cluster ok, and every master has a replica whose link is up. */
    private boolean ready() {
        try {
            if (admin == null) {
                admin = adminClient.connect();
            }
            adminClient.refreshPartitions();
            long masters = adminClient.getPartitions().stream().filter(node -> !node.getSlots().isEmpty()).count();
            return masters == 3 && servers.keySet().stream().allMatch(RedisClusterExtension::clusterOk);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean clusterOk(int port) {
        try (io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(RedisURI.create("127.0.0.1", port));
                var connection = client.connect()) {
            boolean ok = connection.sync().clusterInfo().contains("cluster_state:ok");
            String replication = connection.sync().info("replication");
            return ok && (replication.contains("role:master") ? replication.contains("slave0:")
                    : replication.contains("master_link_status:up"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean clusterStateOk(int port) {
        try (io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(RedisURI.create("127.0.0.1", port));
                var connection = client.connect()) {
            return connection.sync().clusterInfo().contains("cluster_state:ok");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ClusterClientOptions clientOptions() {
        return ClusterClientOptions.builder().topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(Duration.ofSeconds(1)).enableAllAdaptiveRefreshTriggers().build()).build();
    }

    /** Six ports whose cluster bus ports (10,000 higher) are free too. */
    private static List<Integer> freePorts() {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < NODES) {
            int port = ThreadLocalRandom.current().nextInt(20000, 30000);
            if (!ports.contains(port) && free(port) && free(port + 10000)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** The nodes as {@code spring.data.redis.cluster.nodes} takes them. */
    public String nodes() {
        return String.join(",", servers.keySet().stream().map(port -> "127.0.0.1:" + port).toList());
    }

    @Override
    public LettuceConnectionFactory connectionFactory() {
        RedisClusterConfiguration cluster = new RedisClusterConfiguration(
                servers.keySet().stream().map(port -> "127.0.0.1:" + port).toList());
        LettuceConnectionFactory factory = new LettuceConnectionFactory(cluster, LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(2)).clientOptions(clientOptions()).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @Override
    public synchronized RedisClusterCommands<String, String> commands() {
        return admin.sync();
    }

    @Override
    public long subscribers(String topic) {
        adminClient.refreshPartitions();
        String node = adminClient.getPartitions().getMasterBySlot(SlotHash.getSlot(topic)).getNodeId();
        return admin.getConnection(node).sync().pubsubShardNumsub(topic).getOrDefault(topic, 0L);
    }

    @Override
    public boolean cluster() {
        return true;
    }

    /**
     * Kills (SIGKILL) the master that holds the key's slot and waits until a replica serves that slot.
     *
     * @return the port of the killed master
     */
    public int killMasterOf(String key) throws InterruptedException {
        int slot = SlotHash.getSlot(key);
        adminClient.refreshPartitions();
        int port = adminClient.getPartitions().getMasterBySlot(slot).getUri().getPort();
        servers.get(port).destroyForcibly().waitFor();
        TestRedis.awaitCondition("a replica to take over slot " + slot, () -> {
            try {
                adminClient.refreshPartitions();
                var master = adminClient.getPartitions().getMasterBySlot(slot);
                return master != null && master.getUri().getPort() != port && clusterStateOk(master.getUri().getPort());
            } catch (RuntimeException e) {
                return false;
            }
        });
        return port;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        if (admin != null) {
            admin.close();
        }
        if (adminClient != null) {
            adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        for (Process server : servers.values()) {
            server.destroyForcibly();
        }
        for (Process server : servers.values()) {
            try {
                server.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}

package dev.sseboot.autoconfigure.reliability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer on a loopback port in front of several instances, as a fleet has one: each
 * new connection goes to the next instance in turn, skipping one that refuses it (a dead one), and
 * when either side of a connection ends the other is closed too, so a client whose instance died
 * sees its stream end and reconnects through the balancer to a live one. Bytes are relayed as
 * they come, on a small pool of threads whatever the number of connections.
 */
final class RoundRobinBalancer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoundRobinBalancer.class);
    private static final int BUFFER_BYTES = 16 * 1024;

    private final List<InetSocketAddress> instances;
    private final AsynchronousChannelGroup group;
    private final AsynchronousServerSocketChannel server;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();

    RoundRobinBalancer(List<Integer> instancePorts) throws IOException {
        this.instances = instancePorts.stream()
                .map(port -> new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).toList();
        this.group = AsynchronousChannelGroup.withFixedThreadPool(2, Executors.defaultThreadFactory());
        this.server = AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        accept();
    }

    int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** Connections relayed to an instance now. */
    int connections() {
        return relays.size();
    }

    private void accept() {
        server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(AsynchronousSocketChannel client, Void attachment) {
                accept();
                connect(client, 0);
            }

            @Override
            public void failed(Throwable error, Void attachment) {
                if (server.isOpen()) {
                    log.warn("The balancer stopped accepting", error);
                }
            }
        });
    }

    /** Connects the client to the next instance in turn; after every instance refused, drops it. */
    private void connect(AsynchronousSocketChannel client, int refusals) {
        if (refusals == instances.size()) {
            close(client);
            return;
        }
        InetSocketAddress instance = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
        AsynchronousSocketChannel upstream;
        try {
            upstream = AsynchronousSocketChannel.open(group);
        } catch (IOException e) {
            log.warn("The balancer could not open a connection", e);
            close(client);
            return;
        }
        upstream.connect(instance, null, new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void result, Void attachment) {
                Relay relay = new Relay(client, upstream);
                relays.add(relay);
                relay.pump(client, upstream);
                relay.pump(upstream, client);
            }

            @Override
            public void failed(Throwable error, Void attachment) {
                close(upstream);
                connect(client, refusals + 1);
            }
        });
    }

    /** One client's connection and its instance's: bytes both ways until either ends. */
    private final class Relay {

        private final AsynchronousSocketChannel client;
        private final AsynchronousSocketChannel upstream;

        Relay(AsynchronousSocketChannel client, AsynchronousSocketChannel upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(AsynchronousSocketChannel from, AsynchronousSocketChannel to) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            from.read(buffer, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer read, Void attachment) {
                    if (read < 0) {
                        end();
                        return;
                    }
                    buffer.flip();
                    write(to, buffer, () -> {
                        buffer.clear();
                        from.read(buffer, null, this);
                    });
                }

                @Override
                public void failed(Throwable error, Void attachment) {
                    end();
                }
            });
        }

        private void write(AsynchronousSocketChannel to, ByteBuffer buffer, Runnable then) {
            to.write(buffer, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer written, Void attachment) {
                    if (buffer.hasRemaining()) {
                        to.write(buffer, null, this);
                    } else {
                        then.run();
                    }
                }

                @Override
                public void failed(Throwable error, Void attachment) {
                    end();
                }
            });
        }

        void end() {
            if (relays.remove(this)) {
                close(client);
                close(upstream);
            }
        }
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a relayed connection failed", e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        List.copyOf(relays).forEach(Relay::end);
        group.shutdownNow();
        group.awaitTermination(10, TimeUnit.SECONDS);
    }
}

package dev.sseboot.bench.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of Redis for one broker instance, counting the bytes Redis sends to it:
 * everything the instance receives (pub/sub messages and command replies), as its network
 * interface would see it, without TCP/IP headers. One thread per direction per connection.
 */
final class ByteCountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int redisPort;
    private final AtomicLong fromRedis = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ByteCountingProxy(int redisPort) throws IOException {
        this.redisPort = redisPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes Redis sent through this proxy so far. */
    long bytesFromRedis() {
        return fromRedis.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket();
                redis.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort));
                sockets.add(client);
                sockets.add(redis);
                pump(client, redis, null);
                pump(redis, client, fromRedis);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("proxy: accepting failed: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    if (counter != null) {
                        counter.addAndGet(read);
                    }
                }
            } catch (IOException e) {
                // A closed connection ends this direction; the bench closes them all at the end.
                closeQuietly(to);
            }
        }, "proxy-" + from.getLocalPort() + "-" + to.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            System.err.println("proxy: closing a socket failed: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(ByteCountingProxy::closeQuietly);
    }
}

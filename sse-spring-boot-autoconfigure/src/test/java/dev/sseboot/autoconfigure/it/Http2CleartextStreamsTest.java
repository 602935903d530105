package dev.sseboot.autoconfigure.it;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Http2StreamsTest} over cleartext HTTP/2 (h2c): the JDK client upgrades its first request
 * ({@code Upgrade: h2c}), and a client that knows beforehand may start with the HTTP/2 preface
 * ("prior knowledge"); the server takes both on its one port.
 */
abstract class Http2CleartextStreamsTest extends Http2StreamsTest {

    private static final int SETTINGS_FRAME = 4;
    private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 3;
    private static final int SETTINGS_ACK = 1;

    @Override
    protected HttpClient.Builder httpClient() {
        return HttpClient.newBuilder();
    }

    @Override
    protected String scheme() {
        return "http";
    }

    @Test
    void aClientWithPriorKnowledgeGetsTheServersSettingsAHundredStreamsPerConnection() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, SETTINGS_FRAME, 0, 0, 0, 0, 0}); // empty SETTINGS on stream 0
            out.flush();

            Map<Integer, Long> settings = readSettings(new DataInputStream(socket.getInputStream()));

            assertThat(settings).containsEntry(SETTINGS_MAX_CONCURRENT_STREAMS, 100L);
        }
    }

    /** Reads the server's first frame, which HTTP/2 requires to be its SETTINGS (RFC 9113, 3.4). */
    private static Map<Integer, Long> readSettings(DataInputStream in) throws Exception {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        assertThat(type).as("frame type").isEqualTo(SETTINGS_FRAME);
        assertThat(flags & SETTINGS_ACK).as("an ACK").isZero();
        assertThat(stream).isZero();
        Map<Integer, Long> settings = new HashMap<>();
        ByteBuffer entries = ByteBuffer.wrap(payload);
        while (entries.remaining() >= 6) {
            settings.put(Short.toUnsignedInt(entries.getShort()), Integer.toUnsignedLong(entries.getInt()));
        }
        return settings;
    }
}

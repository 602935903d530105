package dev.sseboot.clientscript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The browser client script as served: its bytes, read once from this jar, and the headers that
 * let browsers and proxies cache it (a strong ETag from its content, {@code Cache-Control: public}).
 * Both web stacks answer from it alike.
 */
public final class ClientScript {

    /** Where the script lies on the classpath, outside the locations Spring serves static resources from. */
    public static final String LOCATION = "META-INF/sseboot/client.js";

    static final String CONTENT_TYPE = "text/javascript;charset=UTF-8";

    private final byte[] body;
    private final String etag;
    private final String cacheControl;

    private ClientScript(byte[] body, Duration maxAge) {
        this.body = body;
        this.etag = "\"" + HexFormat.of().formatHex(sha256(body), 0, 16) + "\"";
        this.cacheControl = "public, max-age=" + maxAge.toSeconds();
    }

    /** Reads the script from this jar; browsers may keep it for {@code maxAge} before they revalidate it. */
    public static ClientScript load(Duration maxAge) {
        try (InputStream in = ClientScript.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is missing from the classpath");
            }
            return new ClientScript(in.readAllBytes(), maxAge);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + LOCATION, e);
        }
    }

    /** The script's bytes (UTF-8); not a copy, never to be changed. */
    byte[] body() {
        return body;
    }

    /** The strong entity tag of this content, quoted as it goes into {@code ETag}. */
    public String etag() {
        return etag;
    }

    /**
     * Whether a request with these {@code If-None-Match} values already has this content, so that
     * {@code 304 Not Modified} answers it (RFC 9110, 13.1.2: weak comparison, {@code *} matches).
     */
    boolean isNotModified(List<String> ifNoneMatch) {
        for (String value : ifNoneMatch) {
            for (String tag : value.split(",")) {
                String candidate = tag.trim();
                if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sets the headers of a full answer. */
    void writeHeaders(BiConsumer<String, String> header) {
        header.accept("Content-Type", CONTENT_TYPE);
        header.accept("X-Content-Type-Options", "nosniff");
        writeValidators(header);
    }

    /** Sets the headers that a {@code 304} repeats from the full answer. */
    void writeValidators(BiConsumer<String, String> header) {
        header.accept("ETag", etag);
        header.accept("Cache-Control", cacheControl);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}

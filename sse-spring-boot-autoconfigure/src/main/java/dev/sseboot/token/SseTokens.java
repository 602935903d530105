package dev.sseboot.token;

import dev.sseboot.core.hub.ChannelNames;
import org.jspecify.annotations.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Mints and verifies stream tokens: short-lived, signed credentials that a page puts in the URL of
 * its {@code EventSource} ({@code ?sse_token=…}), because an {@code EventSource} cannot send
 * headers. A token names its user (or none), the channels it may open, the path prefix of the
 * endpoint it is for and when it expires; it is refused anywhere else and afterwards.
 *
 * <p>The format is {@code base64url(payload).base64url(HMAC-SHA256(payload))}, signed with
 * {@code sse.tokens.secret}: every instance that serves streams must have the same secret. Tokens
 * signed with one of {@code sse.tokens.previous-secrets} are still accepted, so a secret can be
 * replaced without refusing the tokens in flight. HMAC rather than a JWT, because the tokens are
 * minted and verified by the same application: a JWT library or a resource server would add a
 * dependency and a key set to configure for no reader that needs the standard.
 *
 * <pre>{@code
 * @GetMapping("/stream-token")
 * String streamToken(Principal principal) {
 *     return sseTokens.mint(principal.getName(), List.of("user/" + principal.getName(), "prices/**"));
 * }
 * }</pre>
 */
public class SseTokens {

    /** The query parameter that carries a stream token. */
    public static final String PARAMETER = "sse_token";

    /** Shortest secret accepted: 32 characters, the size of an HMAC-SHA256 key. */
    public static final int MIN_SECRET_LENGTH = 32;

    /** Longest token read at all; longer ones are refused before any work is spent on them. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final List<SecretKeySpec> acceptedKeys;
    private final Duration ttl;
    private final String path;
    private final Clock clock;

    /**
     * @param secret the signing secret, at least {@value #MIN_SECRET_LENGTH} characters
     * @param previousSecrets secrets whose tokens are still accepted, though no longer minted
     * @param ttl how long a token minted without a lifetime of its own is valid
     * @param path the path prefix of the stream endpoint ({@code sse.path}), the default purpose of a token
     */
    public SseTokens(String secret, List<String> previousSecrets, Duration ttl, String path) {
        this(secret, previousSecrets, ttl, path, Clock.systemUTC());
    }

    SseTokens(String secret, List<String> previousSecrets, Duration ttl, String path, Clock clock) {
        this.key = key(secret);
        List<SecretKeySpec> accepted = new ArrayList<>();
        accepted.add(key);
        previousSecrets.forEach(previous -> accepted.add(key(previous)));
        this.acceptedKeys = List.copyOf(accepted);
        this.ttl = requirePositive(ttl);
        this.path = requirePath(path);
        this.clock = clock;
    }

    /**
     * A token for the stream endpoint ({@code sse.path}) that lives {@code sse.tokens.ttl}.
     *
     * @param user the principal name the stream will have, or {@code null} for an anonymous reader
     * @param channels channel names, and {@code prefix/**} for every channel under {@code prefix/}
     */
    public String mint(@Nullable String user, Collection<String> channels) {
        return mint(user, channels, path, ttl);
    }

    /**
     * A token for streams that an application's own handler opens under {@code path} (with
     * {@code SseEmitters} or {@code SseStreams}), living {@code ttl}.
     *
     * @param path the path prefix the token is accepted under, such as {@code /orders}
     */
    public String mint(@Nullable String user, Collection<String> channels, String path, Duration ttl) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("A stream token needs at least one channel");
        }
        channels.forEach(SseTokens::requireChannelOrPattern);
        Instant expiresAt = clock.instant().plus(requirePositive(ttl));
        String payload = ENCODER.encodeToString(payload(user, channels, requirePath(path), expiresAt));
        return payload + "." + signature(key, payload);
    }

    /**
     * The token's claims when it is well formed, signed with an accepted secret, unexpired and for
     * {@code requestPath} or a path prefix of it. The exception's message never contains the token.
     */
    StreamToken verify(String token, String requestPath) throws InvalidStreamTokenException {
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN_LENGTH || dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new InvalidStreamTokenException("The stream token is malformed");
        }
        String payload = token.substring(0, dot);
        byte[] signature = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!signedWithAcceptedKey(payload, signature)) {
            throw new InvalidStreamTokenException("The stream token's signature is not valid");
        }
        StreamToken verified = parse(payload);
        if (!clock.instant().isBefore(verified.expiresAt())) {
            throw new InvalidStreamTokenException("The stream token has expired");
        }
        // The path itself serves multiplexed streams ({sse.path}?channel=a&channel=b), the paths below it single channels.
        if (!requestPath.equals(verified.path()) && !requestPath.startsWith(verified.path() + "/")) {
            throw new InvalidStreamTokenException("The stream token is not for this path");
        }
        return verified;
    }

    /** Compares the canonical encoding of each expected signature in constant time, so no bit of it can be guessed by timing. */
    private boolean signedWithAcceptedKey(String payload, byte[] signature) {
        boolean matches = false;
        for (SecretKeySpec accepted : acceptedKeys) {
            byte[] expected = signature(accepted, payload).getBytes(StandardCharsets.US_ASCII);
            matches |= MessageDigest.isEqual(expected, signature);
        }
        return matches;
    }

    private static String signature(SecretKeySpec key, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }

    private static byte[] payload(@Nullable String user, Collection<String> channels, String path, Instant expiresAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(expiresAt.toEpochMilli());
            out.writeUTF(path);
            out.writeBoolean(user != null);
            if (user != null) {
                out.writeUTF(user);
            }
            out.writeShort(channels.size());
            for (String channel : channels) {
                out.writeUTF(channel);
            }
        } catch (IOException e) {
            // Only writeUTF's 64 KB bound can fail in memory: a user name that long.
            throw new IllegalArgumentException("The stream token's user name is too long", e);
        }
        return bytes.toByteArray();
    }

    /** Reads a payload this class signed; anything else was caught by the signature check. */
    private static StreamToken parse(String payload) throws InvalidStreamTokenException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(payload)))) {
            if (in.readByte() != VERSION) {
                throw new InvalidStreamTokenException("The stream token is of an unknown version");
            }
            Instant expiresAt = Instant.ofEpochMilli(in.readLong());
            String path = in.readUTF();
            String user = in.readBoolean() ? in.readUTF() : null;
            int count = in.readUnsignedShort();
            List<String> channels = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                channels.add(in.readUTF());
            }
            return new StreamToken(user, channels, path, expiresAt);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidStreamTokenException("The stream token is malformed");
        }
    }

    private static SecretKeySpec key(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            // Never the secret itself in the message: it would end up in a log.
            throw new IllegalArgumentException("A stream token secret (sse.tokens.secret, sse.tokens.previous-secrets) needs at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static void requireChannelOrPattern(String entry) {
        ChannelNames.requireValid(StreamToken.isPattern(entry) ? entry.substring(0, entry.length() - 3) : entry);
    }

    private static Duration requirePositive(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A stream token's lifetime must be positive, not " + ttl);
        }
        return ttl;
    }

    private static String requirePath(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("A stream token's path must start with '/' and not end with '/': " + path);
        }
        return path;
    }
}

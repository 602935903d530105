package dev.sseboot.token;

import dev.sseboot.core.hub.ChannelPatterns;
import org.jspecify.annotations.Nullable;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * A stream token that {@link SseTokens} has verified for the request that carried it: whose it is,
 * which channels it may open, and until when. The stream endpoint and {@code SseEmitters} /
 * {@code SseStreams} find it on the request (a servlet request attribute, {@link #ATTRIBUTE}, on
 * Spring MVC; the Reactor context under {@code StreamToken.class} on WebFlux) and open a stream only
 * for a channel it covers, with its user as the principal.
 */
public final class StreamToken {

    /** The servlet request attribute that holds the verified token of a Spring MVC request. */
    public static final String ATTRIBUTE = StreamToken.class.getName();

    private final @Nullable String user;
    private final List<String> channels;
    private final String path;
    private final Instant expiresAt;

    StreamToken(@Nullable String user, List<String> channels, String path, Instant expiresAt) {
        this.user = user;
        this.channels = List.copyOf(channels);
        this.path = path;
        this.expiresAt = expiresAt;
    }

    /** The user the token was minted for, or {@code null} for an anonymous reader. */
    public @Nullable String user() {
        return user;
    }

    /** The channel names and {@code prefix/**} patterns the token may open. */
    public List<String> channels() {
        return channels;
    }

    /** The path prefix of the endpoint the token is for ({@code sse.path} unless minted for another). */
    public String path() {
        return path;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Whether the token may open this channel or pattern. A channel: the token names it, or one of
     * its {@code prefix/**} grants covers it. A pattern ({@code prices/*}, {@code prices/**}): only
     * when one {@code prefix/**} grant covers every channel the pattern can match, which is when the
     * grant, as a pattern, matches the pattern read as a name ({@link ChannelPatterns#matches}):
     * the pattern's leading segments are the grant's literal prefix, and it has at least one
     * segment more. So {@code prices/**} covers {@code prices/*} and {@code prices/ACME/**}, but
     * not <code>&#42;/ACME</code>, and named channels never cover a pattern.
     */
    public boolean covers(String channelOrPattern) {
        boolean pattern = ChannelPatterns.isPattern(channelOrPattern);
        for (String grant : channels) {
            if (pattern ? coversPattern(grant, channelOrPattern) : coversChannel(grant, channelOrPattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversChannel(String grant, String channel) {
        return grant.equals(channel) || isPattern(grant) && channel.startsWith(patternPrefix(grant));
    }

    private static boolean coversPattern(String grant, String pattern) {
        return isPattern(grant) && ChannelPatterns.matches(grant, pattern);
    }

    /** The stream's principal: the token's user, or {@code null} when the token is anonymous. */
    public @Nullable Principal principal() {
        return user == null ? null : new TokenUser(user);
    }

    static boolean isPattern(String entry) {
        return entry.endsWith("/**");
    }

    /** {@code prices/**} covers every channel that starts with {@code prices/}. */
    static String patternPrefix(String pattern) {
        return pattern.substring(0, pattern.length() - 2);
    }

    /** The principal a stream opened with a token has: only the name the token carries. */
    private record TokenUser(String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }
}

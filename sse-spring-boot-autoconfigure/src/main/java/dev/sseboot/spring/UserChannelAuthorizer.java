package dev.sseboot.spring;

import dev.sseboot.core.hub.ChannelPatterns;
import org.jspecify.annotations.Nullable;

import java.security.Principal;

/**
 * The default authorizer: every channel is public except the private channels under
 * {@code {prefix}} ({@code sse.user-channel-prefix}, {@code user/} by default): {@code {prefix}{user}}
 * and the channels below it ({@code {prefix}{user}/…}) are that user's alone.
 *
 * <p>A pattern of a multiplexed stream is allowed only when it cannot match another user's private
 * channel: when it matches no channel under the prefix ({@code prices/*}), or only the caller's own
 * ({@code user/alice/*} for alice). A pattern whose wildcard could reach into the prefix
 * ({@code user/*}, {@code user/**}, <code>&#42;/orders</code>, {@code **}) is refused, whoever asks.
 * Principal names should not contain {@code /}: a user named {@code alice/x} and a user named
 * {@code alice} would both own {@code user/alice/x}.
 */
public final class UserChannelAuthorizer implements SseSubscriptionAuthorizer {

    private final String userChannelPrefix;

    /** @param userChannelPrefix the prefix of private user channels ({@code sse.user-channel-prefix}) */
    public UserChannelAuthorizer(String userChannelPrefix) {
        this.userChannelPrefix = userChannelPrefix;
    }

    @Override
    public boolean isAllowed(String channel, SseStreamRequest request) {
        String own = ownChannel(request.principal());
        if (ChannelPatterns.isPattern(channel)) {
            String literalStart = literalStart(channel);
            if (own != null && literalStart.startsWith(own + "/")) {
                return true;
            }
            // Every match starts with the literal start: a wildcard before the prefix ends could complete it.
            return !literalStart.startsWith(userChannelPrefix) && !userChannelPrefix.startsWith(literalStart);
        }
        if (!channel.startsWith(userChannelPrefix)) {
            return true;
        }
        return own != null && (channel.equals(own) || channel.startsWith(own + "/"));
    }

    private @Nullable String ownChannel(@Nullable Principal principal) {
        return principal == null ? null : userChannelPrefix + principal.getName();
    }

    /** The pattern's segments before its first wildcard, each with its {@code /}: {@code user/alice/} of {@code user/alice/*}. */
    private static String literalStart(String pattern) {
        int end = 0;
        while (end < pattern.length()) {
            int slash = pattern.indexOf('/', end);
            int segmentEnd = slash < 0 ? pattern.length() : slash;
            if (pattern.charAt(end) == '*') {
                break;
            }
            end = segmentEnd + 1;
        }
        return pattern.substring(0, Math.min(end, pattern.length()));
    }
}

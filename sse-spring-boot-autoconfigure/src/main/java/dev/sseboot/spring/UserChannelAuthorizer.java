package dev.sseboot.spring;

import java.security.Principal;

/** The default authorizer: every channel is public except {@code {prefix}{user}}, which is that user's alone. */
public final class UserChannelAuthorizer implements SseSubscriptionAuthorizer {

    private final String userChannelPrefix;

    /** @param userChannelPrefix the prefix of private user channels ({@code sse.user-channel-prefix}) */
    public UserChannelAuthorizer(String userChannelPrefix) {
        this.userChannelPrefix = userChannelPrefix;
    }

    @Override
    public boolean isAllowed(String channel, SseStreamRequest request) {
        if (!channel.startsWith(userChannelPrefix)) {
            return true;
        }
        Principal principal = request.principal();
        return principal != null && channel.equals(userChannelPrefix + principal.getName());
    }
}

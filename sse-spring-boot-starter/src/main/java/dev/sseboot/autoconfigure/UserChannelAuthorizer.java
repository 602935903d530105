package dev.sseboot.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;

/** The default authorizer: every channel is public except {@code {prefix}{user}}, which is that user's alone. */
final class UserChannelAuthorizer implements SseSubscriptionAuthorizer {

    private final String userChannelPrefix;

    UserChannelAuthorizer(String userChannelPrefix) {
        this.userChannelPrefix = userChannelPrefix;
    }

    @Override
    public boolean isAllowed(String channel, Principal principal, HttpServletRequest request) {
        if (!channel.startsWith(userChannelPrefix)) {
            return true;
        }
        return principal != null && channel.equals(userChannelPrefix + principal.getName());
    }
}

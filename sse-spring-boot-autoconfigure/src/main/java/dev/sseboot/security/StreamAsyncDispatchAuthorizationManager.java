package dev.sseboot.security;

import dev.sseboot.web.servlet.SseEmitters;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

import java.util.function.Supplier;

/**
 * Grants the ASYNC dispatch that ends a stream opened by {@link SseEmitters}, and asks the
 * application's rules for everything else. That dispatch continues a request those rules already
 * authorized; denying it (when the security context was not kept for it) can only fail on a
 * response that is already committed.
 */
final class StreamAsyncDispatchAuthorizationManager implements AuthorizationManager<HttpServletRequest> {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

    private final AuthorizationManager<HttpServletRequest> delegate;

    StreamAsyncDispatchAuthorizationManager(AuthorizationManager<HttpServletRequest> delegate) {
        this.delegate = delegate;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ASYNC && SseEmitters.isStream(request)) {
            return GRANTED;
        }
        return delegate.authorize(authentication, request);
    }
}

package dev.sseboot.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;

/**
 * Post-processes what {@code HttpSecurity} builds as Spring Security would, then wraps the request
 * authorization manager of {@code authorizeHttpRequests} so stream dispatches pass.
 */
public final class StreamAsyncDispatchPostProcessor implements ObjectPostProcessor<Object> {

    private final ObjectPostProcessor<Object> delegate;

    public StreamAsyncDispatchPostProcessor(ObjectPostProcessor<Object> delegate) {
        this.delegate = delegate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <O> O postProcess(O object) {
        O processed = delegate.postProcess(object);
        // Only the manager authorizeHttpRequests builds, which it handles as a plain AuthorizationManager.
        if (processed instanceof RequestMatcherDelegatingAuthorizationManager manager) {
            return (O) new StreamAsyncDispatchAuthorizationManager(
                    (AuthorizationManager<HttpServletRequest>) (AuthorizationManager<?>) manager);
        }
        return processed;
    }
}

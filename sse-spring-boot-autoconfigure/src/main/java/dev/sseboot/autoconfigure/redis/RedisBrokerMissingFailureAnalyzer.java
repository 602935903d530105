package dev.sseboot.autoconfigure.redis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link RedisBrokerMissingException}: what is absent and which dependencies to add. */
class RedisBrokerMissingFailureAnalyzer extends AbstractFailureAnalyzer<RedisBrokerMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisBrokerMissingException cause) {
        return new FailureAnalysis(cause.description(), RedisBrokerMissingException.ACTION, cause);
    }
}

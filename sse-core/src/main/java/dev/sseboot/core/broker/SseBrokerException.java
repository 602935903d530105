package dev.sseboot.core.broker;

/** The broker could not carry out a publish or a replay; the caller learns of it, nothing is lost silently. */
public class SseBrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SseBrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    public SseBrokerException(String message) {
        super(message);
    }
}

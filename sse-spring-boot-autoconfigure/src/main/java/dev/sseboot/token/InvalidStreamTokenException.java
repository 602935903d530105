package dev.sseboot.token;

/** A stream token that is refused; the message says why and never contains the token. */
final class InvalidStreamTokenException extends Exception {

    InvalidStreamTokenException(String message) {
        super(message, null, false, false);
    }
}

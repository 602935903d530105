package dev.sseboot.token;

import org.jspecify.annotations.Nullable;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The stream token parameter in a raw (still encoded) query string, read from and cut out of it the
 * same way on both web stacks. Each stack's own parameter parsing is not used, because it would
 * also read a form body, and because what is cut out must be cut out of the raw query that the
 * framework's request logging prints.
 */
final class TokenQuery {

    private TokenQuery() {
    }

    /** Every value of {@link SseTokens#PARAMETER} in the query, in order; empty when it has none. */
    static List<String> tokens(@Nullable String rawQuery) {
        List<String> tokens = new ArrayList<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (isToken(pair, equals)) {
                    tokens.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
        }
        return tokens;
    }

    /** The query without the token parameter, or {@code null} when nothing else is left. */
    static @Nullable String without(@Nullable String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        StringJoiner rest = new StringJoiner("&");
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty() && !isToken(pair, pair.indexOf('='))) {
                rest.add(pair);
            }
        }
        return rest.length() == 0 ? null : rest.toString();
    }

    private static boolean isToken(String pair, int equals) {
        return decode(equals < 0 ? pair : pair.substring(0, equals)).equals(SseTokens.PARAMETER);
    }

    /** Decodes as a form would; a malformed escape counts as not this parameter, never as an error. */
    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }
}

package dev.sseboot.core.wire;

import java.nio.charset.StandardCharsets;

/**
 * The WHATWG Encoding standard's "UTF-8 decode" with replacement. The JDK decoder differs on some
 * malformed input (it turns an encoded surrogate such as {@code ED A0 80} into one U+FFFD where the
 * standard asks for three), and the parser must match browsers to the letter.
 */
final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /**
     * Decodes {@code bytes[from, to)}. A sequence cut off at {@code to} becomes U+FFFD; the parser
     * only cuts at ASCII bytes, where a stream-wide decoder would end the sequence the same way.
     */
    static String decode(byte[] bytes, int from, int to) {
        int ascii = from;
        while (ascii < to && bytes[ascii] >= 0) {
            ascii++;
        }
        if (ascii == to) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        // Every byte yields at most one UTF-16 unit, so the output never outgrows the input.
        char[] out = new char[to - from];
        int n = 0;
        for (int i = from; i < ascii; i++) {
            out[n++] = (char) bytes[i];
        }
        int codePoint = 0;
        int needed = 0;
        int seen = 0;
        int lower = 0x80;
        int upper = 0xBF;
        int i = ascii;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                i++;
                if (b < 0x80) {
                    out[n++] = (char) b;
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x07;
                } else {
                    out[n++] = REPLACEMENT;
                }
                continue;
            }
            if (b < lower || b > upper) {
                // The standard reprocesses this byte as the start of a new sequence: do not advance.
                codePoint = 0;
                needed = 0;
                seen = 0;
                lower = 0x80;
                upper = 0xBF;
                out[n++] = REPLACEMENT;
                continue;
            }
            i++;
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            if (++seen == needed) {
                n += Character.toChars(codePoint, out, n);
                codePoint = 0;
                needed = 0;
                seen = 0;
            }
        }
        if (needed != 0) {
            out[n++] = REPLACEMENT;
        }
        return new String(out, 0, n);
    }
}

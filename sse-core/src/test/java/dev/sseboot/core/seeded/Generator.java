package dev.sseboot.core.seeded;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The random input of one case, made entirely from its seed: the same seed gives the same input on
 * every JVM ({@link SplittableRandom}'s algorithm is specified). Bounds are drawn a little more
 * often than the values between them, since off-by-one faults live there.
 */
public final class Generator {

    /** How often, in percent, {@link #between} returns each of its bounds. */
    private static final int BOUND_PERCENT = 5;

    private final SplittableRandom random;

    Generator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return (int) between((long) min, max);
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public long between(long min, long max) {
        int roll = random.nextInt(100);
        if (roll < BOUND_PERCENT) {
            return min;
        }
        if (roll < 2 * BOUND_PERCENT) {
            return max;
        }
        // The bound is exclusive; max + 1 would overflow for Long.MAX_VALUE, so shift the range down instead.
        return max == Long.MAX_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong(min, max + 1);
    }

    /** True with the given probability. */
    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** One of the values, each as likely. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** One of the values, each as likely. */
    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The index of one of the weights, chosen in proportion to its weight. */
    public int weighted(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; ; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
    }

    /** A value from the supplier, or {@code null} with the given probability. */
    public <T> T orNull(double nullProbability, Supplier<T> value) {
        return chance(nullProbability) ? null : value.get();
    }

    /** A list of {@code minSize} to {@code maxSize} values from the supplier. */
    public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
        int size = between(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** {@code minSize} to {@code maxSize} bytes of any value. */
    public byte[] bytes(int minSize, int maxSize) {
        byte[] bytes = new byte[between(minSize, maxSize)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The pieces from the supplier, {@code minParts} to {@code maxParts} of them, one after the other. */
    public byte[] concat(int minParts, int maxParts, Supplier<byte[]> part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list(minParts, maxParts, part).forEach(out::writeBytes);
        return out.toByteArray();
    }
}

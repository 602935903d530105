package dev.sseboot.core.seeded;

import java.util.SplittableRandom;

/**
 * Runs a property over generated cases, each generated from a seed of its own, so that any failing
 * case can be run again alone. There is no shrinking: a failure names its seed, and
 * {@code -Dsse.seed=<seed>} (with {@code -Dtest=Class#method} to pick the property, and
 * {@code -Psoak} for a soak property) runs only that case:
 *
 * <pre>{@code ./mvnw -pl sse-core test -Dtest=ParserFuzzTest#chunkingAndBufferKindNeverChangeTheOutcome -Dsse.seed=42}</pre>
 *
 * <p>Without {@code sse.seed} each run draws fresh seeds, so the cases differ from run to run and
 * the inputs covered grow with every build.
 */
public final class Seeds {

    /** The system property that runs one case with the given seed instead of every case. */
    public static final String SEED_PROPERTY = "sse.seed";

    private Seeds() {
    }

    /** One case of a property: generates its input from the generator and checks it. */
    @FunctionalInterface
    public interface Property {
        void check(Generator generator) throws Exception;
    }

    /**
     * Checks the property for {@code tries} cases, or only for the case of {@code -Dsse.seed}.
     *
     * @return how many cases ran: {@code tries}, or 1 when rerunning one seed
     * @throws AssertionError for the first case that fails, naming its seed
     */
    public static int check(int tries, Property property) {
        String caller = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()
                .map(frame -> frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1)
                        + "#" + frame.getMethodName())
                .orElse("?"));
        if (rerunningOneSeed()) {
            run(Long.parseLong(System.getProperty(SEED_PROPERTY).trim()), 1, 1, caller, property);
            return 1;
        }
        SplittableRandom seeds = new SplittableRandom();
        for (int i = 1; i <= tries; i++) {
            run(seeds.nextLong(), i, tries, caller, property);
        }
        return tries;
    }

    /** Whether this run checks one given seed only, so statistics over many cases do not apply. */
    public static boolean rerunningOneSeed() {
        String seed = System.getProperty(SEED_PROPERTY);
        return seed != null && !seed.isBlank();
    }

    private static void run(long seed, int number, int tries, String caller, Property property) {
        try {
            property.check(new Generator(seed));
        } catch (Exception | AssertionError failure) {
            throw new AssertionError("Case " + number + " of " + tries + " failed with seed " + seed
                    + "; run it alone with -Dtest=" + caller + " -D" + SEED_PROPERTY + "=" + seed + "\n" + failure,
                    failure);
        }
    }
}

package io.tierstate.sim;

import java.util.Random;

/**
 * A seeded {@link Random} that counts its draws, so that a saved world resumes the very same
 * sequence: every draw is one {@link Random#nextLong()}, and a stream is restored by replaying the
 * count. Thread-safe.
 */
final class SimRandom {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final long seed;
    private final Random random;
    private long draws;

    SimRandom(long seed, long draws) {
        if (draws < 0) {
            throw new IllegalArgumentException("draws must not be negative, was " + draws);
        }
        this.seed = seed;
        this.random = new Random(seed);
        for (long i = 0; i < draws; i++) {
            random.nextLong();
        }
        this.draws = draws;
    }

    synchronized long nextLong() {
        draws++;
        return random.nextLong();
    }

    /** @return a uniform value in [0, 1) */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return {@code length} lowercase hex digits */
    String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        long bits = 0;
        for (int i = 0; i < length; i++) {
            if (i % 16 == 0) {
                bits = nextLong();
            }
            sb.append(HEX[(int) (bits & 0xf)]);
            bits >>>= 4;
        }
        return sb.toString();
    }

    /** @return {@code length} characters from A-Z and 0-9, as CloudFront ids and ETags have */
    String upper(int length) {
        return chars(length, UPPER);
    }

    /** @return {@code length} decimal digits */
    String digits(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + Math.floorMod(nextLong(), 10)));
        }
        return sb.toString();
    }

    synchronized long draws() {
        return draws;
    }

    long seed() {
        return seed;
    }

    private String chars(int length, char[] alphabet) { // one draw a character: ids are few
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet[Math.floorMod(nextLong(), alphabet.length)]);
        }
        return sb.toString();
    }
}

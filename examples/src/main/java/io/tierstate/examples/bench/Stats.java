package io.tierstate.examples.bench;

import java.util.Arrays;

/** The figures every benchmark here reports over its repetitions. */
final class Stats {

    private Stats() {}

    /** @param v samples, at least one @return the median (the mean of the middle two for an even count) */
    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** @param v samples @return the smallest, 0 for none */
    static long min(long[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    /** @param v samples @return the largest, 0 for none */
    static long max(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}

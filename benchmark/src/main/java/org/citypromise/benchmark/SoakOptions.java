package org.citypromise.benchmark;

import java.util.Set;

/** {@code --minutes 30 --rate 200 --read-rate 20 --cities 5} (also {@code --name=value}). */
record SoakOptions(int minutes, int rate, int readRate, int cities) {

    static final String USAGE = "usage: benchmark/soak [--minutes 30] [--rate 200] [--read-rate 20] [--cities 5]"
            + " [--no-build]";
    private static final Set<String> NAMES = Set.of("minutes", "rate", "read-rate", "cities");

    static SoakOptions parse(String... args) {
        CommandLine line = CommandLine.parse(NAMES, args);
        return new SoakOptions(line.get("minutes", 30), line.get("rate", 200), line.get("read-rate", 20),
                line.get("cities", 5));
    }
}

package org.citypromise.benchmark;

import java.util.Set;

/** {@code --seconds 30 --clients 16 --warm-up 10 --store-seconds 10 --rounds 1} (also {@code --name=value}). */
record IntakeOptions(int seconds, int clients, int warmUpSeconds, int storeSeconds, int rounds) {

    static final String USAGE = "usage: benchmark/intake [--seconds 30] [--clients 16] [--warm-up 10]"
            + " [--store-seconds 10] [--rounds 1] [--no-build]";
    private static final Set<String> NAMES = Set.of("seconds", "clients", "warm-up", "store-seconds", "rounds");

    static IntakeOptions parse(String... args) {
        CommandLine line = CommandLine.parse(NAMES, args);
        return new IntakeOptions(line.get("seconds", 30), line.get("clients", 16), line.get("warm-up", 10),
                line.get("store-seconds", 10), line.get("rounds", 1));
    }
}

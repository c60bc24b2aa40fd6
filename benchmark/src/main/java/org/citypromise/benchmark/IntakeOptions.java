package org.citypromise.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --seconds 30 --clients 16 --warm-up 10 --store-seconds 10 --rounds 1} (also {@code --name=value}). */
record IntakeOptions(int seconds, int clients, int warmUpSeconds, int storeSeconds, int rounds) {

    static final String USAGE = "usage: benchmark/intake [--seconds 30] [--clients 16] [--warm-up 10]"
            + " [--store-seconds 10] [--rounds 1] [--no-build]";
    private static final Set<String> NAMES = Set.of("seconds", "clients", "warm-up", "store-seconds", "rounds");

    static IntakeOptions parse(String... args) {
        Map<String, Integer> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String[] option = args[i].replaceFirst("^--", "").split("=", 2);
            if (!args[i].startsWith("--") || !NAMES.contains(option[0]) || (option.length == 1 && i + 1 >= args.length)) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
            }
            int number = Integer.parseInt(option.length == 2 ? option[1] : args[++i]);
            if (number <= 0) {
                throw new IllegalArgumentException("--" + option[0] + " must be positive");
            }
            given.put(option[0], number);
        }
        return new IntakeOptions(given.getOrDefault("seconds", 30), given.getOrDefault("clients", 16),
                given.getOrDefault("warm-up", 10), given.getOrDefault("store-seconds", 10),
                given.getOrDefault("rounds", 1));
    }
}

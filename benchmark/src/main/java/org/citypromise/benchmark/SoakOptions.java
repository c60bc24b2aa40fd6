package org.citypromise.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --minutes 30 --rate 200 --read-rate 20 --cities 5} (also {@code --name=value}). */
record SoakOptions(int minutes, int rate, int readRate, int cities) {

    static final String USAGE = "usage: benchmark/soak [--minutes 30] [--rate 200] [--read-rate 20] [--cities 5]"
            + " [--no-build]";
    private static final Set<String> NAMES = Set.of("minutes", "rate", "read-rate", "cities");

    static SoakOptions parse(String... args) {
        Map<String, Integer> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String[] option = args[i].replaceFirst("^--", "").split("=", 2);
            if (!args[i].startsWith("--") || !NAMES.contains(option[0]) || (option.length == 1 && i + 1 >= args.length)) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
            }
            String value = option.length == 2 ? option[1] : args[++i];
            int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (number <= 0) {
                throw new IllegalArgumentException("--" + option[0] + " must be positive");
            }
            given.put(option[0], number);
        }
        return new SoakOptions(given.getOrDefault("minutes", 30), given.getOrDefault("rate", 200),
                given.getOrDefault("read-rate", 20), given.getOrDefault("cities", 5));
    }
}

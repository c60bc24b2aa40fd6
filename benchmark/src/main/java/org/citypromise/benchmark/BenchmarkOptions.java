package org.citypromise.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --cities 1000 --pledges 1000000 --rate 2000 --latency-seconds 30} (also {@code --name=value}). */
record BenchmarkOptions(int cities, int pledgeEvents, int rate, int latencySeconds) {

    static final String USAGE = "usage: benchmark/run [--cities 1000] [--pledges 1000000] [--rate 2000]"
            + " [--latency-seconds 30] [--no-build]";
    private static final Set<String> NAMES = Set.of("cities", "pledges", "rate", "latency-seconds");

    static BenchmarkOptions parse(String... args) {
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
        return new BenchmarkOptions(given.getOrDefault("cities", 1_000), given.getOrDefault("pledges", 1_000_000),
                given.getOrDefault("rate", 2_000), given.getOrDefault("latency-seconds", 30));
    }
}

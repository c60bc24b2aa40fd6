package org.citypromise.benchmark;

import java.util.Set;

/** {@code --cities 1000 --pledges 1000000 --rate 2000 --latency-seconds 30} (also {@code --name=value}). */
record BenchmarkOptions(int cities, int pledgeEvents, int rate, int latencySeconds) {

    static final String USAGE = "usage: benchmark/run [--cities 1000] [--pledges 1000000] [--rate 2000]"
            + " [--latency-seconds 30] [--no-build]";
    private static final Set<String> NAMES = Set.of("cities", "pledges", "rate", "latency-seconds");

    static BenchmarkOptions parse(String... args) {
        CommandLine line = CommandLine.parse(NAMES, args);
        return new BenchmarkOptions(line.get("cities", 1_000), line.get("pledges", 1_000_000),
                line.get("rate", 2_000), line.get("latency-seconds", 30));
    }
}

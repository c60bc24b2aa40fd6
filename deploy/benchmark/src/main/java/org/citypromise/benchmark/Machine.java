package org.citypromise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on. */
final class Machine {

    static String describe() {
        String cpu = "unknown CPU";
        long memoryKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
            memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                    .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it unknown
        }
        return "%s, %d CPUs, %d GB RAM, Java %s".formatted(cpu, Runtime.getRuntime().availableProcessors(),
                memoryKb / 1024 / 1024, System.getProperty("java.version"));
    }

    private Machine() {
    }
}

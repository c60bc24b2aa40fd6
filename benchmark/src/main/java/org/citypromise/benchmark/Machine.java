package org.citypromise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the figures were measured on, for the summary: they mean little without it. */
final class Machine {

    static String describe() {
        String cpu = procLine("/proc/cpuinfo", "model name").map(line -> line.substring(line.indexOf(':') + 1).trim())
                .orElse("unknown CPU");
        String memory = procLine("/proc/meminfo", "MemTotal")
                .map(line -> "%.0f GiB RAM".formatted(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("unknown RAM");
        return "%s, %d CPUs, %s, Java %s".formatted(cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.version"));
    }

    /** The load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}), as {@code uptime} shows them. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException notLinux) {
            return "load average unknown";
        }
    }

    private static Optional<String> procLine(String file, String prefix) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    private Machine() {
    }
}

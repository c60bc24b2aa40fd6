package org.citypromise.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark commands' options: {@code --name value} or {@code --name=value}, each a positive whole number
 * (1_000_000 and 1,000,000 read as 1000000); any other option is refused.
 */
final class CommandLine {

    private final Map<String, Integer> given = new HashMap<>();

    private CommandLine() {
    }

    static CommandLine parse(Set<String> names, String... args) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String[] option = args[i].replaceFirst("^--", "").split("=", 2);
            if (!args[i].startsWith("--") || !names.contains(option[0]) || (option.length == 1 && i + 1 >= args.length)) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
            }
            String value = option.length == 2 ? option[1] : args[++i];
            int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (number <= 0) {
                throw new IllegalArgumentException("--" + option[0] + " must be positive");
            }
            line.given.put(option[0], number);
        }
        return line;
    }

    int get(String name, int otherwise) {
        return given.getOrDefault(name, otherwise);
    }
}

package org.citypromise.system;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names that deploy/observability watches: every name read by a Grafana dashboard's queries or
 * by an alerting or recording rule, as Prometheus exposes it ({@code x_seconds_bucket}, not the meter
 * {@code x.seconds}), without the rules' own recorded series and without {@code up}, which Prometheus
 * makes itself. Found with a regular expression over the PromQL, which is enough for how these files
 * write it (no metric name inside a string or a label matcher).
 */
final class MonitoredMetrics {

    static final Path OBSERVABILITY = RunningSystem.ROOT.resolve(Path.of("deploy", "observability"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Quoted strings: label values, label_replace's arguments. */
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    /** Label matchers {…} and range or subquery brackets […]: label names and durations. */
    private static final Pattern MATCHERS_AND_RANGES = Pattern.compile("\\{[^{}]*}|\\[[^\\[\\]]*]");
    /** Label lists of aggregations and vector matching: {@code by (le, city)}, {@code on(job)}, {@code group_left(x)}. */
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)", Pattern.CASE_INSENSITIVE);
    /** Grafana's variables, wherever they stand: {@code $city}, {@code ${city:regex}}, {@code [[city]]}. */
    private static final Pattern GRAFANA_VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    /**
     * A name that is not part of a number or duration ({@code 1e3}, {@code 15m}) and not a function call:
     * the possessive {@code *+} keeps {@code rate(} from matching as {@code rat}.
     */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "atan2", "inf", "nan", "start", "end");
    /** {@code label_values(metric{…}, label)}: the metric selector of a Grafana variable query. */
    private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\((.+),\\s*\\w+\\s*\\)\\s*");
    /** Suffixes of the series Micrometer's timers and distribution summaries expose under one family. */
    private static final Pattern FAMILY = Pattern.compile("(.+_(?:seconds|bytes))_(?:bucket|count|sum|max)");

    private final Map<String, Set<String>> usedBy;

    private MonitoredMetrics(Map<String, Set<String>> usedBy) {
        this.usedBy = usedBy;
    }

    /** The metrics read by deploy/observability's dashboards and rules. */
    static MonitoredMetrics load() {
        return load(OBSERVABILITY);
    }

    static MonitoredMetrics load(Path observability) {
        Map<String, Set<String>> usedBy = new TreeMap<>();
        Set<String> recorded = new TreeSet<>();
        for (Path rules : files(observability.resolve(Path.of("prometheus", "rules")), "-alerts.yml")) {
            for (JsonNode group : read(YAML, rules).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String what = rule.has("record") ? rule.get("record").asString() : rule.path("alert").asString();
                    if (rule.has("record")) {
                        recorded.add(what);
                    }
                    use(usedBy, rule.path("expr").asString(), rules.getFileName() + " " + what);
                }
            }
        }
        for (Path dashboard : files(observability.resolve(Path.of("grafana", "dashboards")), ".json")) {
            JsonNode board = read(JSON, dashboard);
            String title = board.path("title").asString();
            for (JsonNode variable : board.path("templating").path("list")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asString() : query.asString("");
                Matcher selector = LABEL_VALUES.matcher(text);
                if (selector.matches()) {
                    use(usedBy, selector.group(1), title + " / $" + variable.path("name").asString());
                }
            }
            for (JsonNode panel : panels(board.path("panels"))) {
                for (JsonNode target : panel.path("targets")) {
                    use(usedBy, target.path("expr").asString(""), title + " / " + panel.path("title").asString());
                }
            }
        }
        usedBy.keySet().removeAll(recorded);
        usedBy.remove("up");
        return new MonitoredMetrics(usedBy);
    }

    /** The names, sorted, as they appear on an /actuator/prometheus page. */
    Set<String> names() {
        return Collections.unmodifiableSet(usedBy.keySet());
    }

    /** The families of those names: {@code x_seconds} for {@code x_seconds_bucket}, {@code _count}, {@code _sum}, {@code _max}. */
    Set<String> families() {
        Set<String> families = new TreeSet<>();
        usedBy.keySet().forEach(name -> families.add(family(name)));
        return families;
    }

    /** The dashboards' panels and the rules that read a name. */
    Set<String> usedBy(String name) {
        return usedBy.getOrDefault(name, Set.of());
    }

    /** The names none of these pages expose, sorted. */
    Set<String> missingFrom(Set<String> exposed) {
        Set<String> missing = new TreeSet<>(usedBy.keySet());
        missing.removeAll(exposed);
        return missing;
    }

    /** Every metric name one PromQL expression reads (recorded series included). */
    static Set<String> metricNames(String promql) {
        String rest = STRINGS.matcher(promql).replaceAll(" ");
        rest = GRAFANA_VARIABLES.matcher(rest).replaceAll(" ");
        rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
        String before;
        do { // matchers and ranges do not nest, but a subquery's range can follow a matcher's closing brace
            before = rest;
            rest = MATCHERS_AND_RANGES.matcher(rest).replaceAll(" ");
        } while (!rest.equals(before));
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(rest);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group(1).toLowerCase())) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    /**
     * The family a series belongs to: a timer's or distribution summary's {@code _bucket}, {@code _count},
     * {@code _sum} and {@code _max} belong to the name before them (which ends in its base unit); other
     * names are their own ({@code kafka_consumer_fetch_manager_records_lag_max} is a gauge of its own).
     */
    static String family(String name) {
        Matcher family = FAMILY.matcher(name);
        return family.matches() ? family.group(1) : name;
    }

    /** The sample names on a page in Prometheus's text format (comments and blank lines skipped). */
    static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            String sample = line.strip();
            if (sample.isEmpty() || sample.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < sample.length() && sample.charAt(end) != '{' && !Character.isWhitespace(sample.charAt(end))) {
                end++;
            }
            names.add(sample.substring(0, end));
        }
        return names;
    }

    private static void use(Map<String, Set<String>> usedBy, String promql, String where) {
        for (String name : metricNames(promql)) {
            usedBy.computeIfAbsent(name, any -> new TreeSet<>()).add(where);
        }
    }

    private static List<JsonNode> panels(JsonNode panels) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : panels) {
            all.add(panel);
            all.addAll(panels(panel.path("panels"))); // a collapsed row holds its panels
        }
        return all;
    }

    private static List<Path> files(Path directory, String ending) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(ending)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(tools.jackson.databind.ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.citypromise.system;

import org.citypromise.system.PersonalDataScanner.Hit;
import org.citypromise.system.PersonalDataScanner.Needle;
import org.citypromise.system.PersonalDataScenario.Resident;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.citypromise.system.PersonalDataSources.CONTROL;
import static org.citypromise.system.PersonalDataSources.OUTSIDE;
import static org.citypromise.system.PersonalDataSources.PLEDGES;
import static org.citypromise.system.PersonalDataSources.PLEDGE_ANSWERS;
import static org.citypromise.system.PersonalDataSources.PLEDGE_OTHER;

/** The report of {@link PersonalDataScanTest}'s scan, and the hits as the failure messages show them. */
final class PersonalDataSummary {

    private PersonalDataSummary() {
    }

    /** The hits of personal values, not of the control ones. */
    static List<Hit> personal(List<Hit> hits) {
        return hits.stream().filter(hit -> !hit.needle().kind().equals(CONTROL)).toList();
    }

    /** The first 60 hits, a line each. */
    static String lines(List<Hit> hits) {
        return hits.stream().limit(60).map(Hit::toString).collect(Collectors.joining("\n"))
                + (hits.size() > 60 ? "\n... and " + (hits.size() - 60) + " more" : "");
    }

    /** What was searched, where, how much was read and what was found, for the test's output and target/. */
    static String of(PersonalDataScanner scanner, Map<String, Long> recordsPerTopic,
                     Map<String, Long> documentsPerCollection, Map<String, Long> logBytes,
                     List<Resident> residents, Resident erased, Set<String> participantIds) {
        StringBuilder out = new StringBuilder("\n=== Personal data scan (issue 6, acceptance 3) ===\n");
        long personalNeedles = scanner.needles().stream().filter(needle -> !needle.kind().equals(CONTROL)).count();
        Map<String, Long> byKind = scanner.needles().stream().collect(Collectors.groupingBy(Needle::kind,
                TreeMap::new, Collectors.counting()));
        long controls = byKind.getOrDefault(CONTROL, 0L);
        byKind.remove(CONTROL);
        out.append(String.format("Scenario: %d cities, %d residents, %d pledges; erased resident %s (%d pledges)%n",
                controls, residents.size(),
                residents.stream().mapToInt(r -> r.pledges().size()).sum(), erased.subject(), erased.pledges().size()));
        out.append(String.format("Personal values searched: %d %s (+%d control values), %d forms in all%n",
                personalNeedles, byKind, controls, scanner.forms()));
        out.append("Topics (records):\n");
        recordsPerTopic.forEach((topic, count) -> out.append(String.format("  %-45s %8d records %10d bytes%n", topic,
                count, scanner.sources().get(OUTSIDE + "|topic " + topic).bytes)));
        out.append("Databases.collections (documents):\n");
        scanner.sources().values().stream().filter(source -> source.name.startsWith("db ")).forEach(source ->
                out.append(String.format("  %-60s %6d docs %10d bytes  [%s]%n", source.name.substring(3),
                        documentsPerCollection.get(source.name.substring(3)), source.bytes, source.zone)));
        scanner.sources().values().stream().filter(source -> source.name.contains("HTTP")).forEach(source ->
                out.append(String.format("%-62s %6d answers %8d bytes  [%s]%n", source.name, source.items,
                        source.bytes, source.zone)));
        out.append("Logs (appended during this test):\n");
        logBytes.forEach((file, bytes) -> out.append(String.format("  %-45s %10d bytes%n", file, bytes)));
        Map<String, long[]> totals = new TreeMap<>();
        scanner.sources().values().forEach(source -> {
            long[] total = totals.computeIfAbsent(source.zone, any -> new long[2]);
            total[0] += source.items;
            total[1] += source.bytes;
        });
        out.append("Totals by zone (items, bytes):\n");
        totals.forEach((zone, total) -> out.append(String.format("  %-40s %8d items %12d bytes%n", zone, total[0],
                total[1])));
        out.append(String.format("Topics scanned: %d, records: %d; collections: %d, documents: %d%n",
                recordsPerTopic.size(), recordsPerTopic.values().stream().mapToLong(Long::longValue).sum(),
                documentsPerCollection.size(), documentsPerCollection.values().stream().mapToLong(Long::longValue).sum()));
        List<Hit> outside = personal(scanner.hitsIn(OUTSIDE));
        out.append(String.format("Hits of personal values OUTSIDE pledge-service: %d%n", outside.size()));
        outside.stream().limit(60).forEach(hit -> out.append("  ").append(hit).append('\n'));
        for (String zone : List.of(PLEDGES, PLEDGE_OTHER, PLEDGE_ANSWERS)) {
            List<Hit> hits = personal(scanner.hitsIn(zone));
            Map<String, Long> kinds = hits.stream().collect(Collectors.groupingBy(hit -> hit.needle().kind(),
                    TreeMap::new, Collectors.counting()));
            Map<String, Set<String>> distinct = scanner.foundIn(zone);
            distinct.remove(CONTROL);
            Map<String, Integer> distinctCounts = new TreeMap<>();
            distinct.forEach((kind, values) -> distinctCounts.put(kind, values.size()));
            out.append(String.format("Hits in %s (%s): %d %s, distinct values found %s%n", zone,
                    zone.equals(PLEDGE_OTHER) ? "for information" : "positive control; participantRefs are not stored",
                    hits.size(), kinds, distinctCounts));
        }
        long erasedHits = scanner.hits().stream().filter(hit -> hit.needle().erased()).count();
        out.append(String.format("Hits of the erased resident's values anywhere (pledge-service included): %d%n",
                erasedHits));
        long controlHits = scanner.hitsIn(OUTSIDE).stream().filter(hit -> hit.needle().kind().equals(CONTROL)).count();
        out.append(String.format("Control (city ids) found outside pledge-service: %d times%n", controlHits));
        out.append(String.format("Distinct participantIds on pledge-events of this run's cities: %d (%s...)%n",
                participantIds.size(), participantIds.stream().findFirst().orElse("none")));
        return out.toString();
    }
}

package org.citypromise.system;

import org.citypromise.backbone.Tokens;
import org.citypromise.system.PersonalDataScanner.Hit;
import org.citypromise.system.PersonalDataScanner.Needle;
import org.citypromise.system.PersonalDataScenario.Resident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.PersonalDataSources.CONTROL;
import static org.citypromise.system.PersonalDataSources.OUTSIDE;
import static org.citypromise.system.PersonalDataSources.PLEDGES;
import static org.citypromise.system.PersonalDataSources.PLEDGE_ANSWERS;
import static org.citypromise.system.PersonalDataSummary.lines;
import static org.citypromise.system.PersonalDataSummary.personal;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;

/**
 * Issue 6, acceptance 3: after a realistic scenario — cities with inventories, targets and factors; residents
 * pledging under their names and contacts (Korean, Vietnamese, Filipino), some for a member of their household;
 * progress, withdrawals, one resident erasing their personal data — a scan of every record of every topic of the
 * broker (internal ones too), every document of every database of the store but pledge-service's own, every
 * public answer of aggregation-service and the services' logs finds no name, contact, participant reference or
 * account (token subject) of any participant. The same scanner finds them in pledge-service's {@code pledges}
 * collection (it does work), except those of the resident who erased theirs: found nowhere at all.
 */
class PersonalDataScanTest {

    private static RunningSystem system;
    /** How long each log file was before this test: only what it appends is of this run. */
    private static Map<Path, Long> logsBefore;

    @BeforeAll
    static void start() throws IOException {
        logsBefore = PersonalDataSources.logLengths();
        system = new RunningSystem().start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void noNameContactReferenceOrAccountOfAnyParticipantIsOnAnyTopicViewAnswerOrLogOutsidePledgeService()
            throws Exception {
        // --- the scenario: PersonalDataScenario --------------------------------------------------------------
        PersonalDataScenario scenario = new PersonalDataScenario(system);
        scenario.play();

        // --- the scan: PersonalDataSources -------------------------------------------------------------------
        PersonalDataSources sources = new PersonalDataSources(system, logsBefore);
        PersonalDataScanner scanner = new PersonalDataScanner();
        for (Resident resident : scenario.residents) {
            String owner = resident.subject() + (resident == scenario.erased ? " (erased)" : "");
            boolean gone = resident == scenario.erased;
            scanner.lookFor(new Needle(owner, "displayName", resident.displayName(), gone));
            scanner.lookFor(new Needle(owner, "contact", resident.contact(), gone));
            scanner.lookFor(new Needle(owner, "subject", resident.subject(), gone));
            if (resident.participantRef() != null) {
                scanner.lookFor(new Needle(owner, "participantRef", resident.participantRef(), gone));
            }
        }
        for (String cityId : scenario.cityIds()) {
            scanner.lookFor(new Needle("-", CONTROL, cityId, false));
        }
        selfTest(scenario.residents);

        Map<String, Long> recordsPerTopic = sources.scanTopics(scanner, scenario.cityIds());
        Map<String, Long> documentsPerCollection = sources.scanStore(scanner, system.database(PLEDGE));
        sources.scanAggregationAnswers(scanner, scenario.cityIds());
        for (String cityId : scenario.cityIds()) {
            sources.scanPledgeAnswers(scanner, cityId);
        }
        Map<String, Long> logBytes = sources.scanLogs(scanner);

        // --- the summary -------------------------------------------------------------------------------------
        String summary = PersonalDataSummary.of(scanner, recordsPerTopic, documentsPerCollection, logBytes,
                scenario.residents, scenario.erased, sources.participantIds);
        System.out.println(summary);
        Files.writeString(Path.of("target", "personal-data-scan.txt"), summary, StandardCharsets.UTF_8);

        // --- the verdict -------------------------------------------------------------------------------------
        List<Hit> outside = personal(scanner.hitsIn(OUTSIDE));
        assertThat(outside).as("personal data outside pledge-service:\n" + lines(outside)).isEmpty();

        List<Hit> erasedHits = scanner.hits().stream().filter(hit -> hit.needle().erased()).toList();
        assertThat(erasedHits).as("the erased resident's data, anywhere:\n" + lines(erasedHits)).isEmpty();

        List<Hit> references = scanner.hits().stream().filter(hit -> hit.needle().kind().equals("participantRef")).toList();
        assertThat(references).as("participant references are not even stored (pledge-service README):\n"
                + lines(references)).isEmpty();

        // outside, participants are known by their pseudonym only: one each, whatever they erased
        assertThat(sources.participantIds).as("participantIds on pledge-events").hasSize(scenario.residents.size())
                .allMatch(id -> id.matches("dev1:[0-9a-f]{64}"));

        // the positive control: the scanner finds what pledge-service does keep, where it keeps it
        Map<String, Set<String>> inPledges = scanner.foundIn(PLEDGES);
        Map<String, Set<String>> inAnswers = scanner.foundIn(PLEDGE_ANSWERS);
        for (Resident resident : scenario.residents) {
            if (resident == scenario.erased) {
                continue;
            }
            assertThat(inPledges.getOrDefault("displayName", Set.of())).as("control: names in pledges")
                    .contains(resident.displayName());
            assertThat(inPledges.getOrDefault("contact", Set.of())).as("control: contacts in pledges")
                    .contains(resident.contact());
            assertThat(inPledges.getOrDefault("subject", Set.of())).as("control: owners in pledges")
                    .contains(resident.subject());
            assertThat(inAnswers.getOrDefault("displayName", Set.of())).as("control: names shown to officers")
                    .contains(resident.displayName());
            assertThat(inAnswers.getOrDefault("contact", Set.of())).as("control: contacts shown to officers")
                    .contains(resident.contact());
        }
        // ... and that every kind of source outside was really read: each city's id is in each of them
        for (String source : List.of("topic pledge-events", "topic inventory-events", "topic city-contributions",
                "aggregation-service HTTP", "log " + AGGREGATION + ".log", "log " + PLEDGE + ".log",
                "log " + INVENTORY + ".log")) {
            for (String cityId : scenario.cityIds()) {
                assertThat(scanner.hitsIn(OUTSIDE)).as("control: " + cityId + " found in " + source)
                        .anyMatch(hit -> hit.needle().kind().equals(CONTROL) && hit.needle().value().equals(cityId)
                                && hit.location().startsWith(source + " / "));
            }
        }
        for (String cityId : scenario.cityIds()) {
            assertThat(scanner.hitsIn(OUTSIDE)).as("control: " + cityId + " found in aggregation-service's database")
                    .anyMatch(hit -> hit.needle().value().equals(cityId)
                            && hit.location().startsWith("db " + system.database(AGGREGATION) + "."));
        }
    }

    /** The scanner finds each personal value in each of the forms it claims to, e.g. JSON-escaped. */
    private static void selfTest(List<Resident> residents) {
        for (Resident resident : residents) {
            for (String value : List.of(resident.displayName(), resident.contact())) {
                PersonalDataScanner probe = new PersonalDataScanner();
                probe.lookFor(new Needle("probe", "displayName", value, false));
                String escaped = "{\"x\":\"" + PersonalDataScanner.jsonEscaped(value, false).toUpperCase() + "\"}";
                probe.scan("probe", "probe", "escaped", escaped.getBytes(StandardCharsets.UTF_8));
                probe.scan("probe", "probe", "upper case", value.toUpperCase().getBytes(StandardCharsets.UTF_8));
                probe.scan("probe", "probe", "url", java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(probe.hits()).as("the scanner finds " + value + " escaped, upper-cased and URL-encoded")
                        .extracting(Hit::location).contains("probe / escaped", "probe / upper case", "probe / url");
            }
        }
    }
}

package org.citypromise.system;

import org.citypromise.backbone.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;

/**
 * {@code deploy/demo/load} against the three services as processes: its community of residents makes each
 * demo city's breakdowns show (past the five-participant rule) with some progress and some withdrawals,
 * and running it again pledges nothing twice.
 */
class DemoDataTest {

    private static final List<String> CITIES = List.of("seoul", "jakarta", "pasig-city", "hanoi");

    @Test
    void theDemoCommunityFillsEachCitysBreakdownsAndARerunChangesNothing() throws Exception {
        try (RunningSystem system = new RunningSystem().start()) {
            Path firstRun = load(system, "first");

            for (String city : CITIES) {
                JsonNode view = system.awaitContributions(city, contribution ->
                        contribution.path("participantCount").asInt() >= 30
                                && contribution.path("countsByStatus").path("WITHDRAWN").asInt() > 0
                                && contribution.path("countsByStatus").path("FULFILLED").asInt() > 0, Duration.ofSeconds(60));
                assertThat(view.path("byStakeholderType").propertyNames()).as(city)
                        .contains("HOUSEHOLD", "INDIVIDUAL", "BUSINESS");
                assertThat(view.path("byArea").propertyNames()).as(city).hasSizeGreaterThanOrEqualTo(3);
                assertThat(view.path("bySector").propertyNames()).as(city).contains("I", "II", "III");
                assertThat(view.path("achievedTco2ePerYear").asDouble()).as(city).isPositive();
            }
            assertThat(Files.readString(firstRun)).contains("ILLUSTRATIVE", "seoul: 56 residents");

            Map<String, JsonNode> before = views(system);
            Path secondRun = load(system, "second");
            RunningSystem.pause(2000);

            assertThat(Files.readString(secondRun)).contains("0 progress reports and 0 withdrawals sent this run");
            Map<String, JsonNode> after = views(system);
            for (String city : CITIES) {
                for (String unchanged : List.of("pledgeCount", "participantCount", "countsByStatus", "pledgedTco2ePerYear",
                        "achievedTco2ePerYear")) {
                    assertThat(after.get(city).path(unchanged)).as(city + " " + unchanged)
                            .isEqualTo(before.get(city).path(unchanged));
                }
            }
        }
    }

    private static Map<String, JsonNode> views(RunningSystem system) {
        return CITIES.stream().collect(Collectors.toMap(city -> city, city -> system.awaitContributions(
                city, contribution -> true, Duration.ofSeconds(10))));
    }

    /** Runs the script as a developer would, against this system's ports; returns what it printed. */
    private static Path load(RunningSystem system, String run) throws IOException, InterruptedException {
        Path output = Path.of("target", "demo-load-" + run + ".log");
        ProcessBuilder script = new ProcessBuilder(RunningSystem.ROOT.resolve("deploy/demo/load").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        script.environment().putAll(Map.of(
                "INVENTORY_URL", system.url(INVENTORY),
                "PLEDGE_URL", system.url(PLEDGE),
                "AGGREGATION_URL", system.url(AGGREGATION),
                "TOKEN_URL", Tokens.issuer().issuer() + "/token"));
        Process process = script.start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("deploy/demo/load finished within 3 minutes").isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
        return output;
    }
}

package org.citypromise.aggregation;

import com.nimbusds.jwt.JWTClaimsSet;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.aggregation.store.ViewGenerations;
import org.citypromise.backbone.BackboneInitializer;
import org.citypromise.backbone.FuzzRun;
import org.citypromise.backbone.HostileRequests;
import org.citypromise.backbone.HostileRequests.Obj;
import org.citypromise.backbone.HostileRequests.Request;
import org.citypromise.backbone.HostileRequests.Summary;
import org.citypromise.backbone.Tokens;
import org.citypromise.backbone.TestTokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.backbone.HostileRequests.pick;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The operations that start work (a redrive of the dead letters, a rebuild of the views) fuzzed with thousands
 * of hostile requests (see {@link HostileRequests}): forged and wrong tokens, and, with a valid admin token,
 * query parameters and bodies other than nothing or {@code {}}. Every one gets a problem, none a 5xx, and none
 * starts anything: no redrive, no rebuild, the generations as they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BackboneInitializer.class)
@Import(ProducerTopics.class)
class OperationsHostileInputIntegrationTest {

    private static final Pattern NO_INPUT = Pattern.compile("[ \\t\\r\\n]*(\\{[ \\t\\r\\n]*\\})?[ \\t\\r\\n]*");

    @LocalServerPort
    int port;
    @MockitoSpyBean
    ViewGenerations generations;
    @MockitoSpyBean
    DeadLetters deadLetters;

    @Test
    void thousandsOfHostileRequestsToTheOperationsGetProblemsAndStartNothing() throws Exception {
        FuzzRun fuzz = FuzzRun.start("aggregation-service");
        TestTokenIssuer issuer = Tokens.issuer();
        String admin = Tokens.admin();
        // the admin token is good: it reads what the operations would change
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/admin/rebuilds"))
                .header("Authorization", admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

        JWTClaimsSet adminClaims = HostileRequests.claims(issuer, "admin", List.of("admin"), null);
        List<String> forged = HostileRequests.forgedAuthorizationsOf(issuer, admin, adminClaims);
        // hostile roles: refused; hostile cities are nothing to an admin, who stays one: only as spice
        List<String> hostileClaims = HostileRequests.hostileRoleAuthorizations(issuer, adminClaims);
        List<String> oddButAccepted = new ArrayList<>(HostileRequests.acceptedOddAuthorizations(issuer, adminClaims));
        oddButAccepted.addAll(HostileRequests.hostileCityAuthorizations(issuer, adminClaims));
        List<String> notAdmins = List.of(Tokens.resident("alice"), Tokens.officer("pasig"), Tokens.monitoring(),
                HostileRequests.withClaim(issuer, adminClaims, "roles", List.of()),
                HostileRequests.withClaim(issuer, adminClaims, "roles", List.of("ADMIN", "admin ", "role_admin")));
        List<String> queries = List.of("generation=2", "force=true", "$where=1", "%7B%22%24gt%22%3A%22%22%7D=1", "a", "=",
                "&", "x=" + "y".repeat(3000), "generation=2&generation=3", "topic=contributions", "%00=1", "dryRun=false",
                "access_token=" + admin.substring("Bearer ".length()), "a%25ZZ=1", "%3Cscript%3E=1", "%22%7D=%5B", "from=0&limit=50");
        List<String> formBodies = List.of("generation=2", "a=1&b=2", "{}=1", "force=true");

        Function<Random, byte[]> hostileBody = random -> {
            byte[] body;
            do {
                body = switch (random.nextInt(4)) {
                    case 0 -> HostileRequests.garbage(random);
                    case 1 -> HostileRequests.json(pick(random, java.util.Arrays.<Object>asList(Obj.of("generation", 2), Obj.of("force", true),
                            Obj.of("$gt", ""), Obj.of("", ""), List.of(), Obj.of("dryRun", false), Obj.of("{}", null),
                            HostileRequests.anything(random), Obj.of("generation", HostileRequests.anything(random)))))
                            .getBytes(StandardCharsets.UTF_8);
                    case 2 -> pick(random, List.of("{}{}", "{} {}", "{},", "[{}]", "{}\u0000", "\uFEFF{}", "{ } x", "null",
                            "\"{}\"", "{\"\":{}}", "{}//", "0")).getBytes(StandardCharsets.UTF_8);
                    default -> pick(random, formBodies).getBytes(StandardCharsets.UTF_8);
                };
            } while (NO_INPUT.matcher(new String(body, StandardCharsets.ISO_8859_1)).matches());
            return body;
        };
        Function<Random, byte[]> anyBody = random -> switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "{}".getBytes(StandardCharsets.UTF_8);
            default -> hostileBody.apply(random);
        };

        ViewGenerations.State stateBefore = generations.state();
        long deadLettersBefore = deadLetters.count();
        List<Summary> summaries = new ArrayList<>();
        for (String path : List.of("/api/v1/admin/dead-letters/redrive", "/api/v1/admin/rebuilds")) {
            Function<Random, Request> generator = random -> {
                Request request = new Request("POST", path);
                request.headers.put("Content-Type", "application/json");
                request.headers.put("Authorization", admin);
                HostileRequests.spiceAuthorization(random, request, oddButAccepted);
                if (random.nextInt(5) == 0) {
                    request.headers.put("Content-Type", pick(random, random.nextBoolean() ? HostileRequests.SPICE_CONTENT_TYPES
                            : HostileRequests.BREAKING_CONTENT_TYPES));
                }
                int category = random.nextInt(100);
                if (category < 35) {
                    request.body = hostileBody.apply(random);
                    request.what.add("break:body");
                    if (random.nextInt(6) == 0) {
                        request.put("Content-Type", pick(random, List.of("application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x", "text/plain")), "with-form-content-type");
                    }
                } else if (category < 55) {
                    request.body = anyBody.apply(random);
                    request.path = path + "?" + pick(random, queries);
                    request.what.add("break:query");
                } else if (category < 70) {
                    request.body = anyBody.apply(random);
                    request.put("Authorization", pick(random, forged), "break:forged-token");
                } else if (category < 80) {
                    request.body = anyBody.apply(random);
                    request.put("Authorization", pick(random, hostileClaims), "break:hostile-claims");
                } else if (category < 92) {
                    request.body = anyBody.apply(random);
                    request.put("Authorization", pick(random, notAdmins), "break:not-an-admin");
                } else {
                    // an odd path, and a body that is refused anyway
                    request.body = hostileBody.apply(random);
                    request.path = pick(random, List.of(path + "/", path + ";x=1", path + "%00", path.toUpperCase(),
                            path + "/..%2f", path + "%2F", path + ".json", path + "/%2e"));
                    request.what.add("break:path+body");
                }
                if (request.body != null && random.nextInt(10) == 0) {
                    request.chunked = true;
                }
                return request;
            };
            summaries.add(fuzz.endpoint("POST " + path, base(), generator, Duration.ofMillis(300), () -> summary -> {
                summary.stored.put("generation-changed", generations.state().equals(stateBefore) ? 0L : 1L);
                summary.stored.put("dead-letters", deadLetters.count() - deadLettersBefore);
            }));
        }
        fuzz.assertClean(summaries); // (nothing is published here: no published figures)
        verify(generations, never()).startRebuild();
        verify(deadLetters, never()).redrive();
        assertThat(generations.state()).isEqualTo(stateBefore);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}

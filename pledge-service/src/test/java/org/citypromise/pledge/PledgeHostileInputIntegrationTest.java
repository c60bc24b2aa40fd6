package org.citypromise.pledge;

import com.mongodb.client.model.Filters;
import com.nimbusds.jwt.JWTClaimsSet;
import org.bson.Document;
import org.citypromise.backbone.FuzzRun;
import org.citypromise.backbone.HostileRequests;
import org.citypromise.backbone.HostileRequests.BodySpec;
import org.citypromise.backbone.HostileRequests.Kind;
import org.citypromise.backbone.HostileRequests.Obj;
import org.citypromise.backbone.HostileRequests.Request;
import org.citypromise.backbone.HostileRequests.Slot;
import org.citypromise.backbone.HostileRequests.Summary;
import org.citypromise.backbone.Tokens;
import org.citypromise.kit.outbox.OutboxRelay;
import org.citypromise.backbone.TestTokenIssuer;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citypromise.backbone.HostileRequests.pick;

/**
 * Every write endpoint of pledge-service fuzzed with thousands of malformed or hostile requests (see
 * {@link HostileRequests}): none gets a 5xx or an answer other than a problem (but the erasure of a resident who
 * owns nothing, which may answer 200 and must change nothing), and nothing is stored or published: the pledges
 * are as many as before, the existing pledge keeps its version and its personal details.
 */
class PledgeHostileInputIntegrationTest extends PledgeServiceIntegrationTest {

    @Value("${citypromise.max-request-body-bytes:16384}")
    int maxBodyBytes;

    @Test
    void thousandsOfHostileRequestsToEveryWriteEndpointGetProblemsAndChangeNothing() throws Exception {
        FuzzRun fuzz = FuzzRun.start("pledge-service");
        String cityId = registeredCity("fuzzville");
        TestTokenIssuer issuer = Tokens.issuer();
        String ownerSubject = "fuzz-owner-" + UUID.randomUUID();
        String owner = Tokens.resident(ownerSubject);
        Obj valid = Obj.of("stakeholderType", "HOUSEHOLD", "actionCode", "COOKING_LPG_REDUCTION", "quantity", 120,
                "unit", "kg/yr", "targetDate", LocalDate.now().plusYears(1).toString(), "participantRef", "member-2",
                "displayName", "Kim's household", "contact", "kim@example.org");
        // the valid body is valid: it makes the pledge the other endpoints are fuzzed against
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/cities/" + cityId + "/pledges"))
                .header("Content-Type", "application/json").header("Authorization", owner)
                .POST(HttpRequest.BodyPublishers.ofString(HostileRequests.json(valid))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pledgeId = HostileRequests.JSON.readTree(created.body()).path("id").asString();
        // its pledge-submitted event is out before the first count: on the topic, and gone from the pledge's outbox
        pledgeEvents.awaitKey(cityId, 1, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document stored = database.getCollection("pledges").find(Filters.eq("_id", pledgeId)).first();
            return stored != null && stored.getList(OutboxRelay.OUTBOX_FIELD, Document.class, List.of()).isEmpty();
        });
        Document pledgeBefore = database.getCollection("pledges").find(Filters.eq("_id", pledgeId)).first();
        if (pledgeBefore == null) {
            pledgeBefore = database.getCollection("pledges").find(Filters.eq("_id", UUID.fromString(pledgeId))).first();
        }
        assertThat(pledgeBefore).as("the fuzzed pledge in the store").isNotNull();

        JWTClaimsSet ownerClaims = claims(issuer, ownerSubject);
        List<String> forged = HostileRequests.forgedAuthorizationsOf(issuer, owner, ownerClaims);
        // the owner's, with hostile roles (no resident role among them: refused); the cities are nothing to a resident
        List<String> hostileRoles = HostileRequests.hostileRoleAuthorizations(issuer, ownerClaims);
        // a stranger's, roles or cities hostile: refused, or a resident who may not change the pledge
        List<String> hostileClaims = HostileRequests.hostileClaimAuthorizations(issuer, claims(issuer, "fuzz-stranger"));
        List<String> oddButAccepted = HostileRequests.acceptedOddAuthorizations(issuer, ownerClaims);
        List<String> notResidents = List.of(Tokens.officer(cityId), Tokens.admin(), Tokens.monitoring(),
                HostileRequests.withClaim(issuer, ownerClaims, "roles", List.of()),
                HostileRequests.withClaim(issuer, ownerClaims, "roles", List.of("RESIDENT", "resident ")));
        // residents other than the owner: their tokens reach the pledge but may not change it
        List<String> otherResidents = List.of(Tokens.resident("fuzz-stranger"), Tokens.resident("{\"$gt\":\"\"}"),
                Tokens.resident(ownerSubject.toUpperCase()), Tokens.resident(ownerSubject + " "), Tokens.resident(".*"),
                Tokens.resident(""), "Bearer " + issuer.sign(new JWTClaimsSet.Builder(ownerClaims).subject(null).build()));
        List<String> hostileCities = new ArrayList<>();
        for (String hostile : HostileRequests.hostileIds(cityId.toUpperCase(), cityId + "\n", cityId + ".json", cityId + ";x=1",
                "%00", "not-registered-yet")) {
            hostileCities.add(HostileRequests.segment(hostile));
        }
        List<String> hostileIds = new ArrayList<>(List.of(UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000",
                pledgeId + "0", pledgeId.substring(1), pledgeId.replace("-", ""), "{\"$gt\":\"\"}", "$gt", "1e400", "-1",
                "<script>", "null", "..", pledgeId + "%00", "%2e%2e", "x".repeat(300)));
        // (not the id with a space around it: Spring trims it, so it is the pledge's id; the id without its first
        // character is another spelling of the pledge's own when that character is a 0, and must be refused: it was
        // taken once, 1 run in 16)
        hostileIds.replaceAll(id -> id.equals(pledgeId + "0") || id.startsWith(pledgeId.substring(1)) ? id
                : HostileRequests.segment(id));
        hostileIds.addAll(otherSpellingsOf(pledgeId));
        List<String> breakingIfMatch = List.of("\"2\"", "\"0\"", "\"999999999999999999\"", "*", "W/\"x\"", "{\"$gt\":\"\"}",
                "1e400", "99999999999999999999", "-1", "\"1\", \"2\"", "<script>", "\"1", "1\"\"", "\"-1\"", "\"1.0\"",
                "\" 1\"", "W/", "\"\"");

        // (an empty or blank one is none: HTTP trims header values)
        Function<Random, String> idempotencyKey = random -> pick(random, List.of("a b", "x".repeat(101),
                "{\"$gt\": \"\"}", "' OR '1'='1"));

        BodySpec pledgeBody = new BodySpec(valid, List.of(Slot.of(Kind.ENUM, true, "stakeholderType"),
                Slot.of(Kind.ENUM, true, "actionCode"), Slot.of(Kind.POSITIVE, true, "quantity"), Slot.of(Kind.ENUM, false, "unit"),
                Slot.of(Kind.DATE, false, "targetDate"), Slot.text(100, false, "participantRef"),
                Slot.text(80, false, "displayName"), Slot.text(254, false, "contact")), true);
        BodySpec progressBody = new BodySpec(Obj.of("achievedQuantity", 80),
                List.of(Slot.of(Kind.AMOUNT, true, "achievedQuantity")), true);

        List<Summary> summaries = new ArrayList<>();
        // ---- POST /api/v1/cities/{cityId}/pledges
        summaries.add(fuzz(fuzz, "POST /api/v1/cities/{cityId}/pledges", random -> {
            Request request = new Request("POST", "/api/v1/cities/" + cityId + "/pledges");
            request.headers.put("Content-Type", "application/json");
            request.headers.put("Authorization", owner);
            HostileRequests.spice(random, request, oddButAccepted);
            int category = random.nextInt(100);
            request.body = HostileRequests.body(random, pledgeBody, request.what, category < 60, maxBodyBytes);
            if (category < 60) {
                return request;
            }
            if (category < 61) {
                request.body = HostileRequests.padded(random, valid, maxBodyBytes);
                request.what.add("break:too-large");
            } else if (category < 70) {
                request.put("Content-Type", pick(random, HostileRequests.BREAKING_CONTENT_TYPES), "break:content-type");
            } else if (category < 78) {
                request.put("Authorization", pick(random, forged), "break:forged-token");
            } else if (category < 82) {
                request.put("Authorization", pick(random, hostileRoles), "break:hostile-roles");
            } else if (category < 86) {
                request.put("Authorization", pick(random, notResidents), "break:wrong-role");
            } else if (category < 94) {
                request.path = "/api/v1/cities/" + pick(random, hostileCities) + "/pledges";
                request.what.add("break:path");
            } else {
                request.put("Idempotency-Key", idempotencyKey.apply(random), "break:idempotency-key");
            }
            return request;
        }, pledgeBefore));

        // ---- progress and withdrawal of the existing pledge
        for (boolean progress : List.of(true, false)) {
            String action = progress ? "progress" : "withdrawal";
            summaries.add(fuzz(fuzz, "POST /api/v1/pledges/{id}/" + action, random -> {
                Request request = new Request("POST", "/api/v1/pledges/" + pledgeId + "/" + action);
                request.headers.put("Content-Type", "application/json");
                request.headers.put("Authorization", owner);
                request.headers.put("If-Match", pick(random, List.of("\"1\"", "W/\"1\"", "1")));
                HostileRequests.spice(random, request, oddButAccepted);
                int category = random.nextInt(100);
                if (progress) {
                    request.body = HostileRequests.body(random, progressBody, request.what, category < 45, maxBodyBytes);
                    if (category < 45) {
                        return request;
                    }
                    if (category < 53) {
                        return request.put("Content-Type", pick(random, HostileRequests.BREAKING_CONTENT_TYPES),
                                "break:content-type");
                    }
                    if (category < 55) {
                        request.body = HostileRequests.padded(random, progressBody.valid(), maxBodyBytes);
                        request.what.add("break:too-large");
                        return request;
                    }
                } else if (random.nextBoolean()) { // no body is read: whatever is sent along changes nothing
                    request.body = HostileRequests.body(random, progressBody, request.what, random.nextBoolean(), maxBodyBytes);
                }
                if (category < 70) {
                    if (random.nextInt(6) == 0) {
                        request.headers.remove("If-Match");
                        request.what.add("break:no-if-match");
                    } else {
                        request.put("If-Match", pick(random, breakingIfMatch), "break:if-match");
                    }
                } else if (category < 78) {
                    request.put("Authorization", pick(random, forged), "break:forged-token");
                } else if (category < 82) {
                    request.put("Authorization", pick(random, hostileClaims), "break:hostile-claims");
                } else if (category < 86) {
                    request.put("Authorization", pick(random, notResidents), "break:wrong-role");
                } else if (category < 92) {
                    request.put("Authorization", pick(random, otherResidents), "break:not-the-owner");
                } else {
                    request.path = "/api/v1/pledges/" + pick(random, hostileIds) + "/" + action;
                    request.what.add("break:id");
                }
                return request;
            }, pledgeBefore));
        }

        // ---- DELETE /api/v1/me/personal-data: residents who own nothing may erase it (200, nothing changes)
        JWTClaimsSet nobodyClaims = claims(issuer, "fuzz-nobody-" + UUID.randomUUID());
        List<String> nobodyHostileClaims = HostileRequests.hostileClaimAuthorizations(issuer, nobodyClaims);
        List<String> nobodies = new ArrayList<>(otherResidents);
        nobodies.add(Tokens.resident("fuzz-nobody-" + UUID.randomUUID()));
        nobodies.addAll(HostileRequests.acceptedOddAuthorizations(issuer, nobodyClaims));
        summaries.add(fuzz(fuzz, "DELETE /api/v1/me/personal-data", random -> {
            Request request = new Request("DELETE", "/api/v1/me/personal-data");
            HostileRequests.spiceHeaders(random, request);
            if (random.nextInt(4) == 0) {
                request.headers.put("Content-Type", pick(random, HostileRequests.BREAKING_CONTENT_TYPES));
                request.body = HostileRequests.body(random, pledgeBody, request.what, random.nextBoolean(), maxBodyBytes);
            }
            int category = random.nextInt(100);
            if (category < 30) {
                request.put("Authorization", pick(random, nobodies), "allowed:resident-owning-nothing");
                request.allowedSuccess.add(200);
            } else if (category < 60) {
                request.put("Authorization", pick(random, forged), "break:forged-token");
            } else if (category < 75) {
                request.put("Authorization", pick(random, nobodyHostileClaims), "break:hostile-claims");
                request.allowedSuccess.add(200); // hostile cities are nothing to a resident: one who owns nothing
            } else if (category < 90) {
                request.put("Authorization", pick(random, notResidents), "break:wrong-role");
            } else {
                request.path = pick(random, List.of("/api/v1/me/personal-data?subject=" + ownerSubject,
                        "/api/v1/me/personal-data;" + ownerSubject, "/api/v1/me/personal-data/" + HostileRequests.segment(ownerSubject),
                        "/api/v1/me/%2e%2e/personal-data", "/api/v1/me/personal-data%00"));
                request.headers.put("Authorization", pick(random, List.of(pick(random, forged), pick(random, notResidents),
                        pick(random, nobodies))));
                if (request.path.contains("?")) {
                    request.allowedSuccess.add(200); // a query parameter is ignored: the token decides whose data
                }
                request.what.add("break:path");
            }
            return request;
        }, pledgeBefore));

        // first what each request got (it names a request that slipped through), then the pledge as it was made:
        // version 1, its personal details kept
        fuzz.assertClean(summaries);
        assertThat(database.getCollection("pledges").find(Filters.eq("_id", pledgeBefore.get("_id"))).first())
                .isEqualTo(pledgeBefore);
    }

    /** Fuzzes one endpoint: no pledge more, the existing pledge unchanged, nothing published. */
    private Summary fuzz(FuzzRun fuzz, String endpoint, Function<Random, Request> generator, Document pledgeAtStart)
            throws Exception {
        // (the outbox relay runs every 200 ms)
        return fuzz.endpoint(endpoint, base(), generator, Duration.ofMillis(800), () -> {
            Document pledgeBefore = database.getCollection("pledges").find(Filters.eq("_id", pledgeAtStart.get("_id"))).first();
            long pledgesBefore = database.getCollection("pledges").countDocuments();
            long publishedBefore = FuzzRun.published(PledgeEvents.TOPIC);
            return summary -> {
                summary.stored.put("pledges", database.getCollection("pledges").countDocuments() - pledgesBefore);
                Document now = database.getCollection("pledges").find(Filters.eq("_id", pledgeBefore.get("_id"))).first();
                summary.stored.put("pledge.changed", now != null && now.equals(pledgeBefore) ? 0L : 1L);
                summary.published.put(PledgeEvents.TOPIC, FuzzRun.published(PledgeEvents.TOPIC) - publishedBefore);
            };
        });
    }

    /**
     * Spellings of the id that {@link UUID#fromString} reads as the same pledge: each group that starts with a 0
     * without it, or with a + for it (most ids have one; the refusal of all of them is PledgeIdTest's).
     */
    private static List<String> otherSpellingsOf(String id) {
        List<String> spellings = new ArrayList<>();
        String[] groups = id.split("-");
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].startsWith("0")) {
                for (String instead : List.of("", "+")) {
                    String[] spelt = groups.clone();
                    spelt[i] = instead + groups[i].substring(1);
                    spellings.add(String.join("-", spelt));
                }
            }
        }
        spellings.forEach(spelt -> assertThat(UUID.fromString(spelt)).hasToString(id));
        return spellings;
    }

    private static JWTClaimsSet claims(TestTokenIssuer issuer, String subject) {
        return HostileRequests.claims(issuer, subject, List.of("resident"), null);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}

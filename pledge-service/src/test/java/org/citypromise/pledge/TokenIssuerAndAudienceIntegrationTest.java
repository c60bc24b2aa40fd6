package org.citypromise.pledge;

import com.nimbusds.jwt.JWTClaimsSet;
import org.bson.Document;
import org.citypromise.backbone.Tokens;
import org.citypromise.backbone.TestTokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production settings the README gives: with the provider's issuer and the API's audience configured, a
 * token of the trusted key but of another issuer, or for another audience or none, is refused (401) and nothing
 * is stored. (By default neither is checked: the local issuer's address depends on how it is reached.)
 */
class TokenIssuerAndAudienceIntegrationTest extends PledgeServiceIntegrationTest {

    private static final String AUDIENCE = "citypromise-api";

    @DynamicPropertySource
    static void issuerAndAudience(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> Tokens.issuer().issuer());
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    @Test
    void onlyTokensOfTheConfiguredIssuerForThisAudienceAreTaken() {
        String cityId = registeredCity("quezon");
        TestTokenIssuer issuer = Tokens.issuer();
        JWTClaimsSet.Builder right = new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject("maria")
                .claim("roles", List.of("resident")).audience(AUDIENCE)
                .expirationTime(new Date(System.currentTimeMillis() + 600_000));
        String body = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":20}";

        for (JWTClaimsSet wrong : List.of(new JWTClaimsSet.Builder(right.build()).issuer("https://evil.example").build(),
                new JWTClaimsSet.Builder(right.build()).issuer(null).build(),
                new JWTClaimsSet.Builder(right.build()).audience("someone-else").build(),
                new JWTClaimsSet.Builder(right.build()).audience((String) null).build())) {
            http.post().uri("/api/v1/cities/{city}/pledges", cityId).contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.sign(wrong)).body(body).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Authorization");
        }
        assertThat(database.getCollection("pledges").countDocuments(new Document("cityId", cityId))).isZero();

        http.post().uri("/api/v1/cities/{city}/pledges", cityId).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.sign(right.build())).body(body).exchange()
                .expectStatus().isCreated();
        assertThat(database.getCollection("pledges").countDocuments(new Document("cityId", cityId))).isEqualTo(1);
    }
}

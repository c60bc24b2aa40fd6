package org.citypromise.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What machines read from the provider: the discovery document the web site configures itself from, the key set
 * the services verify tokens with (at both addresses), Prometheus's client credentials grant, and the development
 * shortcut {@code /token}.
 */
class DiscoveryAndClientCredentialsTest extends IdentityProviderTest {

    @Test
    void theDiscoveryDocumentNamesTheIssuerAndItsEndpoints() {
        HttpResponse<String> response = get("/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = json(response);
        assertThat(discovery.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.path("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(discovery.path("userinfo_endpoint").asString()).isEqualTo(ISSUER + "/userinfo");
        assertThat(discovery.path("end_session_endpoint").asString()).isEqualTo(ISSUER + "/connect/logout");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void theKeySetIsPublishedWhereTheServicesLookByDefaultToo() throws Exception {
        JWKSet standard = JWKSet.parse(get("/oauth2/jwks").body());
        HttpResponse<String> alias = get("/jwks.json");

        assertThat(alias.statusCode()).isEqualTo(200);
        assertThat(alias.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JWKSet published = JWKSet.parse(alias.body());
        assertThat(published.getKeys()).hasSize(1);
        assertThat(published.getKeys().get(0).isPrivate()).as("only the public key").isFalse();
        assertThat(published.getKeys().get(0).getKeyID()).isEqualTo(standard.getKeys().get(0).getKeyID());
    }

    @Test
    void prometheusGetsAMonitoringTokenByBasicOrByTheForm() throws Exception {
        assertThat(Files.getPosixFilePermissions(DATA.resolve(AuthorizationServerSecurity.MONITORING_CLIENT_SECRET_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        assertMonitoringToken(tokenRequest(AuthorizationServerSecurity.MONITORING_CLIENT_ID, monitoringSecret(),
                Map.of("grant_type", "client_credentials")));
        assertMonitoringToken(tokenRequest(null, null, Map.of("grant_type", "client_credentials",
                "client_id", AuthorizationServerSecurity.MONITORING_CLIENT_ID, "client_secret", monitoringSecret())));
    }

    private static void assertMonitoringToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode body = json(response);
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isBetween(3590L, 3600L);
        JWTClaimsSet claims = verifiedClaims(body.path("access_token").asString());
        assertThat(claims.getClaim("roles")).isEqualTo(List.of("monitoring"));
        assertThat(claims.getSubject()).isEqualTo("service-account-citypromise-monitoring");
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).contains(TokenClaims.API_AUDIENCE);
    }

    @Test
    void aWrongSecretOrAnotherGrantIsRefusedAsRfc6749Says() {
        HttpResponse<String> wrongSecret = tokenRequest(AuthorizationServerSecurity.MONITORING_CLIENT_ID, "guess",
                Map.of("grant_type", "client_credentials"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).path("error").asString()).isEqualTo("invalid_client");

        HttpResponse<String> password = tokenRequest(AuthorizationServerSecurity.MONITORING_CLIENT_ID, monitoringSecret(),
                Map.of("grant_type", "password", "username", "alice", "password", DEMO_PASSWORD));
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(json(password).path("error").asString()).isIn("unsupported_grant_type", "unauthorized_client");

        HttpResponse<String> webSiteWithoutUser = tokenRequest(AuthorizationServerSecurity.WEB_CLIENT_ID, WEB_SECRET,
                Map.of("grant_type", "client_credentials"));
        assertThat(webSiteWithoutUser.statusCode()).isEqualTo(400);
        assertThat(json(webSiteWithoutUser).path("error").asString()).isEqualTo("unauthorized_client");
    }

    @Test
    void theDevelopmentShortcutSignsTheClaimsTheServicesRead() throws Exception {
        HttpResponse<String> officer = get("/token?role=city-officer&sub=ana&city=seoul&city=hanoi");

        assertThat(officer.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = verifiedClaims(officer.body().trim());
        assertThat(claims.getSubject()).isEqualTo("ana");
        assertThat(claims.getClaim("roles")).isEqualTo(List.of("city-officer"));
        assertThat(claims.getClaim("cities")).isEqualTo(List.of("seoul", "hanoi"));
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getExpirationTime()).isInTheFuture();

        JWTClaimsSet resident = verifiedClaims(get("/token?role=resident&sub=alice").body().trim());
        assertThat(resident.getSubject()).isEqualTo("alice");
        assertThat(resident.getClaim("cities")).isNull();

        assertThat(get("/token?role=mayor").statusCode()).isEqualTo(400);
        HttpResponse<String> officerWithoutCity = get("/token?role=city-officer");
        assertThat(officerWithoutCity.statusCode()).isEqualTo(400);
        assertThat(officerWithoutCity.body()).contains("city=");
    }
}

package org.citypromise.system;

import com.nimbusds.jwt.SignedJWT;
import org.citypromise.local.DevTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The development token issuer's OAuth2 token endpoint, as Prometheus's {@code oauth2} setting (Go's
 * clientcredentials: HTTP Basic with form-urlencoded id and secret, falling back to the form) calls it: the
 * monitoring client gets a short-lived token with the role monitoring, anything else an RFC 6749 error; the
 * local stack's secret is generated once, owner-only, beside the signing key, and kept across restarts.
 */
class DevTokenIssuerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static DevTokenIssuer issuer;

    @BeforeAll
    static void start() throws IOException {
        issuer = DevTokenIssuer.start("127.0.0.1", 0, null);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static HttpResponse<String> post(String form, String basicUser, String basicPassword) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicUser != null) {
            String credentials = URLEncoder.encode(basicUser, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(basicPassword, StandardCharsets.UTF_8);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertMonitoringToken(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        var claims = SignedJWT.parse(body.path("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of(DevTokenIssuer.MONITORING));
        assertThat(claims.getSubject()).isEqualTo("service-account-" + DevTokenIssuer.MONITORING_CLIENT_ID);
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
    }

    @Test
    void theMonitoringClientGetsAMonitoringTokenByBasicOrByTheForm() throws Exception {
        assertMonitoringToken(post("grant_type=client_credentials", DevTokenIssuer.MONITORING_CLIENT_ID,
                issuer.monitoringClientSecret()));
        assertMonitoringToken(post("grant_type=client_credentials&scope=monitoring", DevTokenIssuer.MONITORING_CLIENT_ID,
                issuer.monitoringClientSecret()));
        assertMonitoringToken(post("grant_type=client_credentials&client_id=" + DevTokenIssuer.MONITORING_CLIENT_ID
                + "&client_secret=" + URLEncoder.encode(issuer.monitoringClientSecret(), StandardCharsets.UTF_8), null, null));
    }

    @Test
    void anythingElseGetsAnOAuth2Error() throws Exception {
        HttpResponse<String> wrongSecret = post("grant_type=client_credentials", DevTokenIssuer.MONITORING_CLIENT_ID, "guess");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        assertThat(JSON.readTree(wrongSecret.body()).path("error").asString()).isEqualTo("invalid_client");

        HttpResponse<String> otherClient = post("grant_type=client_credentials&client_id=someone&client_secret="
                + issuer.monitoringClientSecret(), null, null);
        assertThat(otherClient.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(otherClient.body()).path("error").asString()).isEqualTo("invalid_client");

        HttpResponse<String> noClient = post("grant_type=client_credentials", null, null);
        assertThat(noClient.statusCode()).isEqualTo(401);

        HttpResponse<String> password = post("grant_type=password&username=a&password=b", DevTokenIssuer.MONITORING_CLIENT_ID,
                issuer.monitoringClientSecret());
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(password.body()).path("error").asString()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> noGrant = post("", DevTokenIssuer.MONITORING_CLIENT_ID, issuer.monitoringClientSecret());
        assertThat(noGrant.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noGrant.body()).path("error").asString()).isEqualTo("invalid_request");

        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void theRoleTokensByGetAreAsBeforeAndMonitoringIsOneOfThem() throws Exception {
        HttpResponse<String> monitoring = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + "/token?role=monitoring"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(monitoring.statusCode()).isEqualTo(200);
        assertThat(SignedJWT.parse(monitoring.body().trim()).getJWTClaimsSet().getStringListClaim("roles"))
                .containsExactly(DevTokenIssuer.MONITORING);
        HttpResponse<String> officer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + "/token?role=city-officer"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(officer.statusCode()).isEqualTo(400);
    }

    /** The local stack's issuer: the secret is made once beside the signing key, owner-only, and read back after. */
    @Test
    void withAKeyFileTheSecretIsKeptBesideItAcrossRestarts(@TempDir Path data) throws Exception {
        Path keyFile = data.resolve("token-issuer/signing-key.jwk");
        String secret;
        try (DevTokenIssuer first = DevTokenIssuer.start("127.0.0.1", 0, keyFile)) {
            secret = first.monitoringClientSecret();
            assertThat(first.monitoringClientSecretFile()).isEqualTo(keyFile.resolveSibling(DevTokenIssuer.MONITORING_CLIENT_SECRET_FILE));
            assertThat(Files.readString(first.monitoringClientSecretFile())).isEqualTo(secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.monitoringClientSecretFile())))
                    .isEqualTo("rw-------");
        }
        try (DevTokenIssuer second = DevTokenIssuer.start("127.0.0.1", 0, keyFile)) {
            assertThat(second.monitoringClientSecret()).isEqualTo(secret).hasSizeGreaterThanOrEqualTo(32);
        }
    }
}

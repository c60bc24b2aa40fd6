package org.citypromise.identity;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider over real HTTP on a port of its own, with a data dir of its own: the issuer is the address
 * the tests reach it by, as in the local stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class IdentityProviderTest {

    static final int PORT = freePort();
    static final String ISSUER = "http://127.0.0.1:" + PORT;
    static final Path DATA = temporaryDirectory();
    static final String DEMO_PASSWORD = "demo-password-for-tests";
    static final String WEB_SECRET = "web-secret-for-tests";
    static final String REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/citypromise";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void ownPortAndData(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("citypromise.identity.issuer", () -> ISSUER);
        registry.add("citypromise.identity.data-dir", DATA::toString);
        registry.add("citypromise.identity.demo-password", () -> DEMO_PASSWORD);
        registry.add("citypromise.identity.web-client.secret", () -> WEB_SECRET);
    }

    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(ISSUER + path)).GET().build());
    }

    /** A form to the token endpoint, the client authenticated by HTTP Basic ({@code clientId} null: not at all). */
    static HttpResponse<String> tokenRequest(String clientId, String secret, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.formEncoded(form)));
        if (clientId != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The claims of a token whose signature the provider's published key set verifies (as the services check it). */
    static JWTClaimsSet verifiedClaims(String token) {
        try {
            JWKSet keys = JWKSet.parse(get("/oauth2/jwks").body());
            SignedJWT jwt = SignedJWT.parse(token);
            RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).as("the token's key is published").isNotNull();
            assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature").isTrue();
            return jwt.getJWTClaimsSet();
        } catch (Exception e) {
            throw new AssertionError("not a token of this provider: " + token, e);
        }
    }

    static String monitoringSecret() {
        try {
            return Files.readString(DATA.resolve(AuthorizationServerSecurity.MONITORING_CLIENT_SECRET_FILE)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("identity-provider-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.citypromise.identity;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the local stack keeps in the data dir across restarts of the provider: the signing key (a token issued
 * before is still verified by the key set after), the monitoring client's secret, the generated demo password
 * (owner-only, in an owner-only directory) and the residents who signed up.
 */
class RestartTest {

    @TempDir
    Path temporary;
    /** Made by the provider, as on a first start of the local stack. */
    Path data;

    @Test
    void tokensSecretsAndSignUpsSurviveARestart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String issuer = "http://127.0.0.1:" + port;
        data = temporary.resolve("token-issuer");
        String tokenBefore;
        String secretBefore;
        String demoPassword;
        try (ConfigurableApplicationContext first = start(port)) {
            Browser browser = new Browser(URI.create(issuer));
            HttpResponse<String> signedUp = browser.submit(browser.get("/signup"), "/signup",
                    Map.of("username", "rina", "password", "kept across restarts", "displayName", ""));
            assertThat(signedUp.statusCode()).isEqualTo(302);
            tokenBefore = browser.get("/token?role=resident&sub=rina").body().trim();
            secretBefore = Files.readString(data.resolve(AuthorizationServerSecurity.MONITORING_CLIENT_SECRET_FILE));
            Path demoPasswordFile = data.resolve(DemoAccounts.PASSWORD_FILE);
            assertThat(Files.getPosixFilePermissions(demoPasswordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            demoPassword = Files.readString(demoPasswordFile);
            assertThat(Files.getPosixFilePermissions(data)).as("it holds the password hashes")
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }

        try (ConfigurableApplicationContext second = start(port)) {
            Browser browser = new Browser(URI.create(issuer));
            JWKSet keys = JWKSet.parse(browser.get("/jwks.json").body());
            SignedJWT before = SignedJWT.parse(tokenBefore);
            assertThat(before.verify(new RSASSAVerifier((RSAKey) keys.getKeyByKeyId(before.getHeader().getKeyID())))).isTrue();
            assertThat(Files.readString(data.resolve(AuthorizationServerSecurity.MONITORING_CLIENT_SECRET_FILE))).isEqualTo(secretBefore);

            for (Map<String, String> account : List.of(Map.of("username", "rina", "password", "kept across restarts"),
                    Map.of("username", "alice", "password", demoPassword))) {
                Browser signingIn = new Browser(URI.create(issuer));
                HttpResponse<String> signedIn = signingIn.submit(signingIn.get("/login"), "/login", account);
                assertThat(Browser.location(signedIn).getQuery()).as(account.get("username")).isNull();
            }
        }
    }

    private ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(IdentityProviderApplication.class).run("--server.port=" + port,
                "--citypromise.identity.issuer=http://127.0.0.1:" + port, "--citypromise.identity.data-dir=" + data);
    }
}

package org.citypromise.backbone;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests' identity provider: one {@link TestTokenIssuer} per test JVM (a real JWK set over HTTP on a
 * free port, real RS256 signatures), whose key set the services under test trust
 * ({@link BackboneInitializer}); tests ask it for the tokens of the users they play.
 */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static TestTokenIssuer issuer;

    private Tokens() {
    }

    public static synchronized TestTokenIssuer issuer() {
        if (issuer == null) {
            try {
                issuer = TestTokenIssuer.start("127.0.0.1", 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "token-issuer-stop"));
        }
        return issuer;
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A resident's Authorization header. */
    public static String resident(String subject) {
        return bearer(issuer().resident(subject));
    }

    /** The Authorization header of an officer of these cities. */
    public static String officer(String... cities) {
        return bearer(issuer().officer("officer-of-" + String.join("-", cities), cities));
    }

    public static String admin() {
        return bearer(issuer().admin("admin"));
    }

    /**
     * The monitoring identity's Authorization header (role {@code monitoring}) for the actuator endpoints other
     * than health, got as Prometheus gets it: from the issuer's token endpoint by OAuth2 client credentials.
     */
    public static String monitoring() {
        TestTokenIssuer issuer = issuer();
        String client = Base64.getEncoder().encodeToString((TestTokenIssuer.MONITORING_CLIENT_ID + ":"
                + issuer.monitoringClientSecret()).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint()))
                    .header("Authorization", "Basic " + client)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("the token endpoint answered " + response.statusCode() + " " + response.body());
            }
            return bearer(token.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.citypromise.backbone;

import org.citypromise.local.DevTokenIssuer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The tests' identity provider: one development token issuer per test JVM (a real JWK set over HTTP on a
 * free port, real RS256 signatures), whose key set the services under test trust
 * ({@link BackboneInitializer}); tests ask it for the tokens of the users they play.
 */
public final class Tokens {

    private static DevTokenIssuer issuer;

    private Tokens() {
    }

    public static synchronized DevTokenIssuer issuer() {
        if (issuer == null) {
            try {
                issuer = DevTokenIssuer.start("127.0.0.1", 0, null);
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
}

package org.citypromise.backbone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.citypromise.backbone.HostileRequests.Obj;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Authorization headers for the fuzz: forged, expired, malformed or unsigned tokens (refused), tokens of the trusted
 * issuer with hostile roles or cities (no access), and odd tokens the services accept as they are.
 */
public final class HostileTokens {

    private HostileTokens() {
    }

    /** The claims of a token of the trusted issuer: a subject, its roles and (if not null) cities, valid for an hour. */
    public static JWTClaimsSet claims(TestTokenIssuer trusted, String subject, List<String> roles, List<String> cities) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(trusted.issuer()).subject(subject).claim("roles", roles);
        if (cities != null) {
            claims.claim("cities", cities);
        }
        return claims.expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
    }

    /** An Authorization header of the trusted issuer: {@code claims} with one claim set to {@code value}. */
    public static String withClaim(TestTokenIssuer trusted, JWTClaimsSet claims, String name, Object value) {
        return "Bearer " + trusted.sign(new JWTClaimsSet.Builder(claims).claim(name, value).build());
    }

    /** {@link #forgedAuthorizations} of a valid Authorization header ("Bearer ..."). */
    public static List<String> forgedAuthorizationsOf(TestTokenIssuer trusted, String validAuthorization,
                                                      JWTClaimsSet rightClaims) {
        return forgedAuthorizations(trusted, validAuthorization.substring("Bearer ".length()), rightClaims);
    }

    /** Authorization headers no service accepts (401), made once: forged, expired, malformed, unsigned. */
    public static List<String> forgedAuthorizations(TestTokenIssuer trusted, String validToken, JWTClaimsSet rightClaims) {
        try {
            List<String> forged = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer not-a-jwt", "Basic YWRtaW46YWRtaW4=",
                    "Bearer a.b.c", "Bearer " + "A".repeat(8000), "Bearer {\"$gt\":\"\"}", "Bearer ../../etc/passwd",
                    "Token " + validToken, "Bearer " + validToken + ",Bearer " + validToken, "Bearer  " + validToken,
                    "Bearer " + validToken.substring(0, validToken.length() - 5),
                    "Bearer " + validToken + "x"));
            String[] parts = validToken.split("\\.");
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String claims = url.encodeToString(rightClaims.toString().getBytes(StandardCharsets.UTF_8));
            forged.add("Bearer " + url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + claims + ".");
            forged.add("Bearer " + url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + claims + "."
                    + parts[2]);
            // the payload changed under the trusted signature
            forged.add("Bearer " + parts[0] + "." + url.encodeToString(new JWTClaimsSet.Builder(rightClaims)
                    .claim("roles", List.of("admin", "city-officer", "resident")).build().toString()
                    .getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
            // an untrusted key, with the trusted key's id too
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
            String trustedKid = SignedJWT.parse(validToken).getHeader().getKeyID();
            for (String kid : List.of("stranger", trustedKid)) {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), rightClaims);
                jwt.sign(new RSASSASigner(stranger));
                forged.add("Bearer " + jwt.serialize());
            }
            // HMAC with a guessable secret (alg confusion)
            SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(trustedKid).build(), rightClaims);
            hmac.sign(new MACSigner("a-secret-anyone-could-guess-0123456789".getBytes(StandardCharsets.UTF_8)));
            forged.add("Bearer " + hmac.serialize());
            // the trusted key, but expired or not yet valid
            Instant now = Instant.now();
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims)
                    .issueTime(Date.from(now.minus(Duration.ofHours(3))))
                    .expirationTime(Date.from(now.minus(Duration.ofHours(2)))).build()));
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims)
                    .notBeforeTime(Date.from(now.plus(Duration.ofHours(2)))).build()));
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).claim("exp", "never").build()));
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).claim("exp", Obj.class.getName()).build()));
            return forged;
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens of the trusted issuer whose claims are hostile (roles and cities as objects, strings): no access. */
    public static List<String> hostileClaimAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        List<String> hostile = new ArrayList<>(hostileRoleAuthorizations(trusted, rightClaims));
        hostile.addAll(hostileCityAuthorizations(trusted, rightClaims));
        return hostile;
    }

    /** Tokens of the trusted issuer whose roles are hostile (objects, strings, none of the roles as spelt). */
    public static List<String> hostileRoleAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        List<String> hostile = new ArrayList<>();
        for (Object roles : List.<Object>of(Map.of("$gt", ""), List.of(), List.of(Map.of("$gt", "")), "", 42,
                List.of("ADMIN", "Resident", "city-officer ", "role_admin"))) {
            hostile.add(withClaim(trusted, rightClaims, "roles", roles));
        }
        return hostile;
    }

    /** Tokens of the trusted issuer whose cities are hostile (objects, a number, a wildcard, a string). */
    public static List<String> hostileCityAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        List<String> hostile = new ArrayList<>();
        for (Object cities : List.<Object>of(Map.of("$gt", ""), List.of(Map.of("$gt", "")), 42, List.of("*"), "$gt")) {
            hostile.add(withClaim(trusted, rightClaims, "cities", cities));
        }
        return hostile;
    }

    /** Tokens of the trusted issuer the services accept as they are (they check no audience or issuer). */
    public static List<String> acceptedOddAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        return List.of(
                "Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).issuer("https://evil.example").build()),
                "Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).audience("someone-else").build()),
                "Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).claim("$where", "1").claim("admin", true).build()),
                "bearer " + trusted.sign(rightClaims));
    }
}

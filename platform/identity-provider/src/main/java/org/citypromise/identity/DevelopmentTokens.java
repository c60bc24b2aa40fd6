package org.citypromise.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The curl-friendly shortcut of local development: {@code GET /token?role=resident&sub=alice},
 * {@code ?role=city-officer&city=seoul&city=hanoi}, {@code ?role=admin}, {@code ?role=monitoring} answers a token
 * as text, with the claims a signed-in user's token has, signed by the same key. It hands a token to whoever asks:
 * that is why the provider listens on 127.0.0.1 only, and why production has Keycloak instead. {@code /jwks.json}
 * is the key set under the address the services are configured with by default.
 */
@RestController
class DevelopmentTokens {

    private static final Duration LIFETIME = Duration.ofHours(12);

    private final JwtEncoder encoder;
    private final String jwks;
    private final IdentityProperties properties;

    DevelopmentTokens(JwtEncoder encoder, RSAKey signingKey, IdentityProperties properties) {
        this.encoder = encoder;
        this.jwks = new JWKSet(signingKey.toPublicJWK()).toString();
        this.properties = properties;
    }

    @GetMapping(value = "/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    String jwks() {
        return jwks;
    }

    @GetMapping(value = "/token", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> token(@RequestParam(defaultValue = AccountRoles.RESIDENT) String role,
                                 @RequestParam(required = false) String sub,
                                 @RequestParam(name = "city", required = false) List<String> cities) {
        List<String> forCities = cities == null ? List.of() : cities.stream().filter(city -> !city.isBlank()).toList();
        if (!AccountRoles.ALL.contains(role)) {
            return ResponseEntity.badRequest().body("role must be one of " + AccountRoles.ALL + "\n");
        }
        if (role.equals(AccountRoles.CITY_OFFICER) && forCities.isEmpty()) {
            return ResponseEntity.badRequest().body("a city-officer token needs at least one city=<cityId>\n");
        }
        String subject = sub == null || sub.isBlank() ? role + "-" + UUID.randomUUID().toString().substring(0, 8) : sub;
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(properties.issuer()).subject(subject)
                .id(UUID.randomUUID().toString()).issuedAt(now).expiresAt(now.plus(LIFETIME))
                .audience(List.of(TokenClaims.API_AUDIENCE)).claim("roles", List.of(role));
        if (!forCities.isEmpty()) {
            claims.claim("cities", forCities);
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims.build())).getTokenValue();
        return ResponseEntity.ok(token + "\n");
    }
}

package org.citypromise.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RS256 key that signs every token, kept as a JWK in the data dir ({@value #FILE}, the file the former
 * development token issuer used): tokens stay valid across restarts of the local stack.
 */
final class SigningKey {

    static final String FILE = "signing-key.jwk";

    private SigningKey() {
    }

    static RSAKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                try {
                    return RSAKey.parse(Files.readString(file));
                } catch (ParseException e) {
                    throw new IllegalStateException(file + " is not a JWK: delete it to have a new key made", e);
                }
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
            SecretFile.writePrivately(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a signing key", e);
        }
    }
}

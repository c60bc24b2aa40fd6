package org.citypromise.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret generated on first start and read back after, kept owner-only beside the signing key: the monitoring
 * client's (Prometheus reads the same file: client_secret_file) and the demo accounts' password.
 */
final class SecretFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[18];
                RANDOM.nextBytes(bytes);
                writePrivately(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)); // no newline
            }
            String secret = Files.readString(file).trim();
            if (secret.isEmpty()) {
                throw new IllegalStateException(file + " is empty: delete it to have a new secret made");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The data dir, made owner-only when this makes it (it holds the password hashes too); one made before, by
     * the former token issuer say, is left as it is.
     */
    static void createPrivateDirectory(Path directory) {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectory(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Created owner-only before anything is written, so that the secret is never readable by others. */
    static void writePrivately(Path file, String content) throws IOException {
        createPrivateDirectory(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }
}

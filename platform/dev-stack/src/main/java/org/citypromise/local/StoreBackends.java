package org.citypromise.local;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.List;

/**
 * mongo-java-server backends that current MongoDB clients accept, for the local stack (H2 file) and the
 * tests (memory). Two gaps are closed:
 * <ul>
 *   <li>it reports wire version 8 at most, and mongosh and the current Node.js driver need 9 (MongoDB
 *   4.4): report 4.4 — not more, so that clients do not use commands it does not have;</li>
 *   <li>it answers the legacy {@code isMaster} handshake but not its successor {@code hello}, which Spring
 *   Boot's MongoDB health check sends: answer {@code hello} the same way.</li>
 * </ul>
 */
public final class StoreBackends {

    /** MongoDB 4.4, wire version 9. */
    static final MongoVersion MONGO_4_4 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 4, 0);
        }

        @Override
        public int getWireVersion() {
            return 9;
        }
    };

    private StoreBackends() {
    }

    /** A store that persists to one H2 file and answers a write only once it is on disk ({@link DurableCommits}). */
    public static H2Backend file(String path) {
        return file(path, true);
    }

    /**
     * A store that persists to one H2 file. Durable: a write is answered only once it is on disk
     * ({@link DurableCommits}). Not durable: answered once it is in memory, and H2 commits in the background
     * about once a second, so a killed store loses up to the last second of acknowledged writes. Only for
     * measuring what durability costs (the intake benchmark); the local stack's store is always durable.
     */
    public static H2Backend file(String path, boolean durable) {
        H2Backend backend = durable ? new H2Backend(path) {
            private final DurableCommits commits = new DurableCommits(getMvStore());

            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                try {
                    return super.handleCommand(channel, database, modern(command), query);
                } finally {
                    commits.afterCommand(command); // a failed write may have written part of itself
                }
            }
        } : new H2Backend(path) {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return super.handleCommand(channel, database, modern(command), query);
            }
        };
        backend.version(MONGO_4_4);
        return backend;
    }

    /** A store in memory, for tests. */
    public static MongoBackend memory() {
        return new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return super.handleCommand(channel, database, modern(command), query);
            }
        }.version(MONGO_4_4);
    }

    private static String modern(String command) {
        return "hello".equalsIgnoreCase(command) ? "isMaster" : command;
    }
}

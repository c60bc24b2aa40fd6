package org.citypromise.benchmark;

import org.citypromise.local.ChildProcess;
import org.citypromise.local.StoreServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local stack's store itself ({@link StoreServer}: mongo-java-server, H2 file backend) in a JVM of its own
 * on a free port, its file in {@code directory}: durable as the local stack runs it, or, for comparison only,
 * with {@code -Dcitypromise.store.durable=false} (a write answered before it is on disk).
 */
final class FileStore implements AutoCloseable {

    static final String DESCRIPTION = "mongo-java-server " + MemoryStore.VERSION + ", H2 file backend (StoreServer)";

    private final ChildProcess process;
    private final int port;
    private final boolean durable;

    private FileStore(ChildProcess process, int port, boolean durable) {
        this.process = process;
        this.port = port;
        this.durable = durable;
    }

    static FileStore start(Path directory, boolean durable, Path log) throws IOException, InterruptedException {
        int port = Backbone.freePort();
        ChildProcess process = new ChildProcess(durable ? "store-durable" : "store-not-durable", List.of(Backbone.java(), "-Xmx1g",
                "-D" + StoreServer.DURABLE_PROPERTY + "=" + durable, "-cp", Backbone.classpath(),
                StoreServer.class.getName(), directory.resolve("citypromise.mv").toString(), Backbone.HOST,
                Integer.toString(port)), Map.of(), log).start();
        try {
            Backbone.awaitListening(process, port);
        } catch (RuntimeException | InterruptedException e) {
            process.stop(30);
            throw e;
        }
        return new FileStore(process, port, durable);
    }

    static String name(boolean durable) {
        return durable ? "durable" : "not durable";
    }

    String uri() {
        return "mongodb://" + Backbone.HOST + ":" + port;
    }

    boolean durable() {
        return durable;
    }

    /** SIGTERM: the store commits and closes its file. */
    @Override
    public void close() {
        process.stop(30);
    }
}

package org.citypromise.local;

import org.h2.mvstore.MVStore;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the H2 file store acknowledge a write only once it is on disk, as MongoDB does with a journaled write
 * concern. Left to itself, H2's MVStore commits in the background about once a second, so a killed store
 * forgot the last second of writes its clients had been told were done. Here every command that may have
 * written waits for a commit and an fsync that cover it; commands arriving while one commit runs share the
 * next (group commit), so under load a commit covers many writes and durability costs little.
 */
final class DurableCommits {

    /** Commands that never change data: answered without waiting for the disk. */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
            "listindexes", "listdatabases", "ismaster", "hello", "ping", "buildinfo", "killcursors", "endsessions",
            "dbstats", "collstats", "serverstatus", "getparameter", "whatsmyuri", "connectionstatus", "getlog",
            "hostinfo", "getcmdlineopts", "getfreemonitoringstatus");

    private final MVStore store;
    private final Object diskLock = new Object();
    /** Commands that may have written, counted when they are done in memory. */
    private final AtomicLong done = new AtomicLong();
    /** The highest of those counts that a finished commit covers; guarded by diskLock. */
    private long durable;

    DurableCommits(MVStore store) {
        this.store = store;
    }

    /** Called after a command ran in memory, before its answer goes out. */
    void afterCommand(String command) {
        if (READS.contains(command.toLowerCase(java.util.Locale.ROOT))) {
            return;
        }
        long mine = done.incrementAndGet();
        synchronized (diskLock) {
            if (durable >= mine) {
                return; // a commit that started after this command was done has covered it
            }
            long covered = done.get(); // every command counted so far is in memory, so in this commit
            if (store.hasUnsavedChanges()) {
                store.commit();
                store.sync();
            }
            durable = covered;
        }
    }
}

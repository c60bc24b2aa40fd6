package org.citypromise.aggregation.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generations of the views. Each generation has collections of its own ({@code city_contributions_g<n>},
 * {@code pledges_g<n>}, {@code participants_g<n>}, {@code checkpoints_g<n>}, {@code published_g<n>}) and a consumer group of its own
 * ({@code aggregation-service-g<n>}). One generation serves; a rebuild fills the next one from the
 * topics' history while the serving one goes on serving and counting, and when the new one has caught up
 * it serves instead, at once: readers look up the serving generation in one document.
 */
public class ViewGenerations {

    private static final String ID = "views";

    /** Which generation serves, which is being built (if any), and which served before (kept until the next rebuild). */
    public record State(int serving, Integer building, Integer previous) {
    }

    private final MongoDatabase database;
    private final String group;
    private final MongoCollection<Document> meta;
    private final Map<Integer, ContributionStore> stores = new ConcurrentHashMap<>();

    /** @param group the prefix of the generations' consumer groups, {@code aggregation-service} */
    public ViewGenerations(MongoDatabase database, String group) {
        this.database = database;
        this.group = group;
        this.meta = database.getCollection("view_generations");
        meta.updateOne(Filters.eq("_id", ID), Updates.setOnInsert("serving", 1), new UpdateOptions().upsert(true));
    }

    public State state() {
        Document document = meta.find(Filters.eq("_id", ID)).first();
        if (document == null) {
            return new State(1, null, null);
        }
        return new State(document.getInteger("serving"), document.getInteger("building"), document.getInteger("previous"));
    }

    /** The views that answer readers now. */
    public ContributionStore serving() {
        return store(state().serving());
    }

    public ContributionStore store(int generation) {
        return stores.computeIfAbsent(generation, n -> new ContributionStore(
                database.getCollection("city_contributions_g" + n), database.getCollection("pledges_g" + n),
                database.getCollection("participants_g" + n)));
    }

    /** Where the consumers of a generation resume. */
    public Checkpoints checkpoints(int generation) {
        return new Checkpoints(database.getCollection("checkpoints_g" + generation));
    }

    /** What of a generation's views has been published. */
    public Publications publications(int generation) {
        return new Publications(database.getCollection("city_contributions_g" + generation),
                database.getCollection("published_g" + generation));
    }

    /** The consumer group that fills a generation. */
    public String group(int generation) {
        return group + "-g" + generation;
    }

    /**
     * A snapshot version that only grows across generations: a rebuilt view's revisions start again, so
     * the generation leads. {@code 3_000_000_000_017} is revision 17 of generation 3.
     */
    public static long version(int generation, long rev) {
        return generation * 1_000_000_000_000L + rev;
    }

    /**
     * Starts building the next generation unless one is being built already. Drops what the generation
     * before the serving one left (the one kept for comparison) and any leftovers of the new one.
     *
     * @return the generation being built
     */
    public int startRebuild() {
        State state = state();
        if (state.building() != null) {
            return state.building();
        }
        int next = state.serving() + 1;
        drop(next);
        if (state.previous() != null) {
            drop(state.previous());
        }
        var changed = meta.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("serving", state.serving()),
                Filters.eq("building", null)), Updates.combine(Updates.set("building", next), Updates.unset("previous")));
        return changed.getModifiedCount() == 1 ? next : state().building();
    }

    /** Makes the generation being built the serving one; false if the state has moved on meanwhile. */
    public boolean switchOver(int building) {
        State state = state();
        if (state.building() == null || state.building() != building) {
            return false;
        }
        return meta.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", building)),
                Updates.combine(Updates.set("serving", building), Updates.unset("building"),
                        Updates.set("previous", state.serving()))).getModifiedCount() == 1;
    }

    private void drop(int generation) {
        stores.remove(generation);
        database.getCollection("city_contributions_g" + generation).drop();
        database.getCollection("pledges_g" + generation).drop();
        database.getCollection("participants_g" + generation).drop();
        database.getCollection("checkpoints_g" + generation).drop();
        database.getCollection("published_g" + generation).drop();
    }

    public Optional<ContributionStore> building() {
        return Optional.ofNullable(state().building()).map(this::store);
    }
}

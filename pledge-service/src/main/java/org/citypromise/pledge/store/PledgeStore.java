package org.citypromise.pledge.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.citypromise.kit.outbox.OutboxRelay;
import org.citypromise.kit.outbox.PendingEvent;
import org.citypromise.pledge.domain.Action;
import org.citypromise.pledge.domain.EmissionFactor;
import org.citypromise.pledge.domain.IdempotencyKeyTaken;
import org.citypromise.pledge.domain.PersonalDetails;
import org.citypromise.pledge.domain.Pledge;
import org.citypromise.pledge.domain.PledgeArea;
import org.citypromise.pledge.domain.PledgeRecord;
import org.citypromise.pledge.domain.PledgeStatus;
import org.citypromise.pledge.domain.StakeholderType;
import org.citypromise.pledge.domain.StaleVersion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code pledges} collection: one document per pledge, holding the action and factor as they were
 * when pledged, the client's idempotency key, and the outbox of events not yet published.
 */
public class PledgeStore {

    static final String IDEMPOTENCY_KEY = "idempotency.key";
    public static final String OWNER = "owner";
    public static final String PARTICIPANT_ID = "participantId";
    static final String PERSONAL = "personal";

    private final MongoCollection<Document> pledges;

    public PledgeStore(MongoCollection<Document> pledges) {
        this.pledges = pledges;
    }

    /**
     * Stores a new pledge and the event announcing it in one atomic insert.
     *
     * @throws IdempotencyKeyTaken if another pledge was stored under the same key (a concurrent retry)
     */
    public void insert(PledgeRecord record, PendingEvent announcement) {
        String idempotencyKey = record.idempotencyKey();
        Document document = toDocument(record.pledge()).append(OWNER, record.owner())
                .append(OutboxRelay.OUTBOX_FIELD, List.of(announcement.toDocument()));
        PersonalDetails personal = record.personal();
        if (!personal.isEmpty()) {
            document.append(PERSONAL, new Document("displayName", personal.displayName())
                    .append("contact", personal.contact()));
        }
        if (idempotencyKey != null) {
            document.append("idempotency", new Document("key", idempotencyKey)
                    .append("fingerprint", record.fingerprint()));
        }
        try {
            pledges.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && idempotencyKey != null) {
                throw new IdempotencyKeyTaken(idempotencyKey);
            }
            throw e;
        }
    }

    /**
     * Stores the next version of a pledge, with the event announcing it, in one atomic write that
     * succeeds only if the stored pledge is still at the version before it.
     *
     * @throws StaleVersion if another change came first
     */
    public void change(Pledge next, PendingEvent announcement) {
        var result = pledges.updateOne(
                Filters.and(Filters.eq("_id", next.id().toString()), Filters.eq("version", next.version() - 1)),
                Updates.combine(
                        Updates.set("achievedQuantity", new Decimal128(next.achievedQuantity())),
                        Updates.set("status", next.status().name()),
                        Updates.set("version", next.version()),
                        Updates.set("changedAt", Date.from(next.changedAt())),
                        Updates.push(OutboxRelay.OUTBOX_FIELD, announcement.toDocument())));
        if (result.getModifiedCount() != 1) {
            throw new StaleVersion(next.id(), next.version() - 1);
        }
    }

    /** The first of these pseudonyms that a stored pledge carries, if any. */
    public Optional<String> knownParticipant(List<String> pseudonyms) {
        if (pseudonyms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(pledges.find(Filters.in(PARTICIPANT_ID, pseudonyms))
                        .projection(new Document(PARTICIPANT_ID, 1)).first())
                .map(document -> document.getString(PARTICIPANT_ID));
    }

    /**
     * Erases what links a resident's pledges to them: the owner, their personal details and the idempotency
     * records (whose fingerprints are made with the owner). The pledges stay, counted as before, under
     * their pseudonym; nothing is announced, since no event ever carried any of it.
     *
     * @return how many pledges were anonymised
     */
    public long erase(String owner) {
        return pledges.updateMany(Filters.eq(OWNER, owner),
                Updates.combine(Updates.unset(OWNER), Updates.unset(PERSONAL), Updates.unset("idempotency")))
                .getModifiedCount();
    }

    /** A city's pledges, newest first, optionally only those of one status. */
    public List<PledgeRecord> list(String cityId, PledgeStatus status, int offset, int limit) {
        List<PledgeRecord> page = new ArrayList<>();
        pledges.find(cityFilter(cityId, status)).sort(Sorts.descending("pledgedAt", "_id")).skip(offset).limit(limit)
                .forEach(document -> page.add(toStored(document)));
        return page;
    }

    public long count(String cityId, PledgeStatus status) {
        return pledges.countDocuments(cityFilter(cityId, status));
    }

    /** A resident's own pledges, newest first; erased ones are no longer theirs. */
    public List<PledgeRecord> ownedBy(String owner, int offset, int limit) {
        List<PledgeRecord> page = new ArrayList<>();
        pledges.find(Filters.eq(OWNER, owner)).sort(Sorts.descending("pledgedAt", "_id")).skip(offset).limit(limit)
                .forEach(document -> page.add(toStored(document)));
        return page;
    }

    public long countOwnedBy(String owner) {
        return pledges.countDocuments(Filters.eq(OWNER, owner));
    }

    private static Bson cityFilter(String cityId, PledgeStatus status) {
        return status == null ? Filters.eq("cityId", cityId)
                : Filters.and(Filters.eq("cityId", cityId), Filters.eq("status", status.name()));
    }

    /** Active pledges whose target date is before {@code today}: they lapse. */
    public List<Pledge> dueToLapse(LocalDate today, int limit) {
        List<Pledge> due = new ArrayList<>();
        // ISO dates compare as strings
        pledges.find(Filters.and(Filters.eq("status", PledgeStatus.ACTIVE.name()),
                        Filters.lt("targetDate", today.toString())))
                .limit(limit).forEach(document -> due.add(toStored(document).pledge()));
        return due;
    }

    public Optional<PledgeRecord> find(UUID id) {
        return Optional.ofNullable(pledges.find(Filters.eq("_id", id.toString())).first()).map(PledgeStore::toStored);
    }

    public Optional<PledgeRecord> findByIdempotencyKey(String key) {
        return Optional.ofNullable(pledges.find(Filters.eq(IDEMPOTENCY_KEY, key)).first()).map(PledgeStore::toStored);
    }

    private static Document toDocument(Pledge pledge) {
        Action action = pledge.action();
        return new Document("_id", pledge.id().toString())
                .append("cityId", pledge.cityId())
                .append(PARTICIPANT_ID, pledge.participantId())
                .append("stakeholderType", pledge.stakeholderType().name())
                .append("action", new Document("code", action.code())
                        .append("title", action.title())
                        .append("area", action.area().name())
                        .append("gpcRef", action.gpcRef())
                        .append("scope", action.scope())
                        .append("unit", action.unit())
                        .append("factorCode", action.factorCode())
                        .append("factorUnit", action.factorUnit())
                        .append("maxQuantity", new Decimal128(action.maxQuantity())))
                .append("quantity", new Decimal128(pledge.quantity()))
                .append("factor", new Document("code", pledge.factor().code())
                        .append("value", new Decimal128(pledge.factor().value()))
                        .append("unit", pledge.factor().unit())
                        .append("source", pledge.factor().source())
                        .append("year", pledge.factor().year())
                        .append("origin", pledge.factor().origin().name()))
                .append("estimatedTco2ePerYear", new Decimal128(pledge.estimatedTco2ePerYear()))
                .append("targetDate", pledge.targetDate() == null ? null : pledge.targetDate().toString())
                .append("achievedQuantity", new Decimal128(pledge.achievedQuantity()))
                .append("status", pledge.status().name())
                .append("version", pledge.version())
                .append("pledgedAt", Date.from(pledge.pledgedAt()))
                .append("changedAt", Date.from(pledge.changedAt()));
    }

    private static PledgeRecord toStored(Document document) {
        Document action = document.get("action", Document.class);
        Document factor = document.get("factor", Document.class);
        EmissionFactor emissionFactor = new EmissionFactor(factor.getString("code"), decimal(factor, "value"),
                factor.getString("unit"), factor.getString("source"), factor.getInteger("year"),
                EmissionFactor.Origin.valueOf(factor.getString("origin")));
        // The action as it was when pledged; its default factor is not part of the pledge.
        Action snapshot = new Action(action.getString("code"), action.getString("title"),
                PledgeArea.valueOf(action.getString("area")), action.getString("gpcRef"), action.getInteger("scope"),
                action.getString("unit"), action.getString("factorCode"), action.getString("factorUnit"), null,
                decimal(action, "maxQuantity"));
        Pledge pledge = new Pledge(UUID.fromString(document.getString("_id")), document.getString("cityId"),
                document.getString(PARTICIPANT_ID),
                StakeholderType.valueOf(document.getString("stakeholderType")), snapshot, decimal(document, "quantity"),
                emissionFactor, decimal(document, "estimatedTco2ePerYear"),
                document.getString("targetDate") == null ? null : LocalDate.parse(document.getString("targetDate")),
                decimal(document, "achievedQuantity"), PledgeStatus.valueOf(document.getString("status")),
                ((Number) document.get("version")).longValue(), document.getDate("pledgedAt").toInstant(),
                document.getDate("changedAt").toInstant());
        Document idempotency = document.get("idempotency", Document.class);
        Document personal = document.get(PERSONAL, Document.class);
        return new PledgeRecord(pledge, document.getString(OWNER), personal == null ? PersonalDetails.NONE
                : new PersonalDetails(personal.getString("displayName"), personal.getString("contact")),
                idempotency == null ? null : idempotency.getString("key"),
                idempotency == null ? null : idempotency.getString("fingerprint"));
    }

    private static BigDecimal decimal(Document document, String field) {
        Object value = document.get(field);
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return new BigDecimal(value.toString());
    }
}

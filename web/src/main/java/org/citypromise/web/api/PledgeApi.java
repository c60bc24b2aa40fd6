package org.citypromise.web.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * pledge-service's API, called with the visitor's language and, when they are signed in, their access token
 * ({@link SignedInCalls}). Every call is wrapped in {@link ServiceCall}, so that a refusal arrives as the
 * service's problem ({@link ServiceRefused}) and an outage as {@link ServiceUnavailable}.
 */
public class PledgeApi {

    public static final String SERVICE = "pledge-service";

    private final RestClient client;

    public PledgeApi(RestClient client) {
        this.client = client;
    }

    record ActionList(List<CatalogAction> items) {
    }

    /** The action catalog, its titles and descriptions in the visitor's language. */
    public List<CatalogAction> catalog() {
        ActionList list = ServiceCall.get(SERVICE, () -> client.get().uri("/api/v1/actions").retrieve()
                .body(ActionList.class));
        return list == null || list.items() == null ? List.of() : list.items();
    }

    /** What a pledge of this action and quantity would be estimated at in the city, by pledge-service itself. */
    public PledgeEstimate estimate(String cityId, String actionCode, BigDecimal quantity) {
        return ServiceCall.get(SERVICE, () -> client.get()
                .uri("/api/v1/cities/{cityId}/pledge-estimate?actionCode={action}&quantity={quantity}", cityId,
                        actionCode, quantity.toPlainString())
                .retrieve().body(PledgeEstimate.class));
    }

    /** A pledge as the resident submits it; only what the site's form asks. */
    public record Submission(String stakeholderType, String actionCode, BigDecimal quantity, LocalDate targetDate,
                             String displayName, String contact) {
    }

    /**
     * Pledges, with the form's idempotency key: the same key again (a double tap, a retry after a lost answer)
     * answers the pledge already made instead of making a second one.
     */
    public Pledge submit(String cityId, Submission submission, String idempotencyKey) {
        return ServiceCall.get(SERVICE, () -> client.post().uri("/api/v1/cities/{cityId}/pledges", cityId)
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", idempotencyKey)
                .body(submission).retrieve().body(Pledge.class));
    }

    public record PledgePage(List<Pledge> items, int page, int size, long totalItems) {
        public PledgePage {
            items = items == null ? List.of() : items;
        }
    }

    /** The signed-in resident's own pledges, newest first. */
    public PledgePage mine(int page, int size) {
        return ServiceCall.get(SERVICE, () -> client.get().uri("/api/v1/me/pledges?page={page}&size={size}", page, size)
                .retrieve().body(PledgePage.class));
    }

    public Optional<Pledge> pledge(String id) {
        return ServiceCall.find(SERVICE, () -> client.get().uri("/api/v1/pledges/{id}", id).retrieve()
                .body(Pledge.class));
    }

    record ProgressReport(BigDecimal achievedQuantity) {
    }

    /** A progress report on the version the resident saw: a 412 {@link ServiceRefused} if it changed since. */
    public Pledge reportProgress(String id, long seenVersion, BigDecimal achievedQuantity) {
        return ServiceCall.get(SERVICE, () -> client.post().uri("/api/v1/pledges/{id}/progress", id)
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "\"" + seenVersion + "\"")
                .body(new ProgressReport(achievedQuantity)).retrieve().body(Pledge.class));
    }

    /** Withdraws the version the resident saw: a 412 {@link ServiceRefused} if it changed since. */
    public Pledge withdraw(String id, long seenVersion) {
        return ServiceCall.get(SERVICE, () -> client.post().uri("/api/v1/pledges/{id}/withdrawal", id)
                .header(HttpHeaders.IF_MATCH, "\"" + seenVersion + "\"").retrieve().body(Pledge.class));
    }

    /** Everything pledge-service holds about the signed-in resident, as the JSON document it answers. */
    public byte[] personalData() {
        return ServiceCall.get(SERVICE, () -> client.get().uri("/api/v1/me/personal-data")
                .accept(MediaType.APPLICATION_JSON).retrieve().body(byte[].class));
    }

    record Erasure(long pledgesAnonymised) {
    }

    /** Erases the resident's name, contact and ownership from all their pledges; answers how many. */
    public long erasePersonalData() {
        Erasure erasure = ServiceCall.get(SERVICE, () -> client.delete().uri("/api/v1/me/personal-data").retrieve()
                .body(Erasure.class));
        return erasure == null ? 0 : erasure.pledgesAnonymised();
    }
}

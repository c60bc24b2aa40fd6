package org.citypromise.pledge.messaging;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.citypromise.backbone.EventContract;
import org.citypromise.kit.outbox.CurrentTrace;
import org.citypromise.kit.outbox.PendingEvent;
import org.citypromise.pledge.domain.ActionCatalog;
import org.citypromise.pledge.domain.CityFactors;
import org.citypromise.pledge.domain.Pledge;
import org.citypromise.pledge.domain.PledgeSubmission;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One data shape, PledgeState, for both pledge event types: each version announced as its schema says. */
class PledgeAnnouncementsTest {

    private final PledgeAnnouncements announcements = new PledgeAnnouncements(JsonMapper.builder().build(),
            new CurrentTrace(Tracer.NOOP, Propagator.NOOP));
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    private Pledge pledge() {
        return new PledgeSubmission("pasig-city", "HOUSEHOLD", "COOKING_LPG_REDUCTION", new BigDecimal("120"), null,
                LocalDate.parse("2027-12-31"), null).accept(new ActionCatalog(), CityFactors.NONE, UUID.randomUUID(), now);
    }

    @Test
    void theFirstVersionIsAnnouncedAsSubmittedByCityAndPledge() {
        Pledge pledge = pledge();
        PendingEvent event = announcements.of(pledge);

        assertThat(event.type()).isEqualTo(PledgeEvents.PLEDGE_SUBMITTED);
        assertThat(event.key()).isEqualTo("pasig-city");
        assertThat(event.subject()).isEqualTo("pledges/" + pledge.id());
        assertThat(event.time()).isEqualTo(now);
        assertThat(EventContract.own("pledge-submitted.v1").violations(event.data())).isEmpty();
        assertThat(event.data()).contains("\"pledgeId\":\"" + pledge.id() + "\"", "\"version\":1");
    }

    @Test
    void everyLaterVersionIsAnnouncedAsUpdatedWithTheSameShape() {
        Pledge halfway = pledge().reportProgress(new BigDecimal("60"), now.plusSeconds(60));
        PendingEvent event = announcements.of(halfway);

        assertThat(event.type()).isEqualTo(PledgeEvents.PLEDGE_UPDATED);
        assertThat(event.time()).isEqualTo(now.plusSeconds(60));
        assertThat(EventContract.own("pledge-updated.v1").violations(event.data())).isEmpty();
        assertThat(event.data()).contains("\"version\":2", "\"achievedQuantity\":60");
    }
}

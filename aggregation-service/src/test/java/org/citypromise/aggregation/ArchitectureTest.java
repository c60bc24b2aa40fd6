package org.citypromise.aggregation;

import org.citypromise.backbone.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The package rules of {@link ServiceArchitecture}: web → application → domain, adapters → domain, no cycles. */
class ArchitectureTest {

    @Test
    void packagesDependOneWay() {
        assertThat(ServiceArchitecture.of("org.citypromise.aggregation").violations()).isEmpty();
    }
}

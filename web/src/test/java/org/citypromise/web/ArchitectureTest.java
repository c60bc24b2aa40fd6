package org.citypromise.web;

import org.citypromise.backbone.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules every service keeps ({@link ServiceArchitecture}), here with {@code api} as the adapter
 * for the services' HTTP APIs beside {@code messaging}: domain in plain Java, web → application → domain.
 */
class ArchitectureTest {

    @Test
    void packagesDependOneWay() {
        assertThat(ServiceArchitecture.of("org.citypromise.web").violations()).isEmpty();
    }
}

package org.citypromise.inventory.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.citypromise.inventory.application.CityRegistry;
import org.citypromise.inventory.domain.CityId;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;

/**
 * Counts what city officers publish in {@code citypromise.inventory.publications}, by city, kind (city,
 * inventory, target, emission-factors) and outcome (accepted, rejected): one place for the four PUT
 * endpoints, from the answer each one gave. A city is named only if it is registered, else
 * {@code unregistered}: a path's city id is whatever the client typed, never a tag value as such.
 */
@Configuration(proxyBeanMethods = false)
class PublicationMetrics implements WebMvcConfigurer, HandlerInterceptor {

    static final String UNREGISTERED = "unregistered";
    /** Route pattern of each publishing endpoint, and the kind it publishes. */
    private static final Map<String, String> KINDS = Map.of(
            "/api/v1/cities/{cityId}", "city",
            "/api/v1/cities/{cityId}/inventories/{year}", "inventory",
            "/api/v1/cities/{cityId}/target", "target",
            "/api/v1/cities/{cityId}/emission-factors", "emission-factors");

    private final MeterRegistry meters;
    private final CityRegistry registry;

    PublicationMetrics(MeterRegistry meters, CityRegistry registry) {
        this.meters = meters;
        this.registry = registry;
    }

    @Override
    public void addInterceptors(InterceptorRegistry interceptors) {
        interceptors.addInterceptor(this).addPathPatterns("/api/v1/cities/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String kind = KINDS.get(String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)));
        if (kind == null || !"PUT".equals(request.getMethod())) {
            return;
        }
        boolean accepted = ex == null && response.getStatus() < 400;
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String cityId = variables == null ? null : variables.get("cityId");
        Counter.builder("citypromise.inventory.publications")
                .description("Publications by city officers, by city, kind and outcome")
                .tag("city", accepted || isRegistered(cityId) ? cityId : UNREGISTERED)
                .tag("kind", kind)
                .tag("outcome", accepted ? "accepted" : "rejected")
                .register(meters).increment();
    }

    private boolean isRegistered(String cityId) {
        return cityId != null && CityId.isValid(cityId) && registry.find(new CityId(cityId)).isPresent();
    }
}

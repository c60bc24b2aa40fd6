package org.citypromise.pledge;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.citypromise.kit.web.ErrorProblems;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * pledge-service: mobile and web clients post pledges here. It owns the pledges and the participants'
 * personal data (which never leaves it), publishes each change on pledge-events, and learns the registered
 * cities and their emission factors from inventory-events. Wired in {@link PledgeConfiguration}.
 */
@SpringBootApplication
// the problems for the errors Spring MVC never sees (the firewall, Tomcat), as every service answers them
@Import(ErrorProblems.class)
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An OAuth2 access token (JWT) from the identity provider, with claims roles and cities: residents' pledges need a resident's token; a city's list of pledges its officers'.")
@OpenAPIDefinition(info = @Info(title = "CityPromise pledge-service", version = "v1",
        description = "Climate-action pledges of residents, households and organisations: the action catalog, pledges estimated in tCO2e per year, their lifecycle. Every change is announced on Kafka topic pledge-events (CloudEvents). Errors are RFC 9457 problem+json naming the field."))
@EnableScheduling
public class PledgeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PledgeServiceApplication.class, args);
    }
}

package org.citypromise.inventory;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.citypromise.kit.web.ErrorProblems;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
// the problems for the errors Spring MVC never sees (the firewall, Tomcat), as every service answers them
@Import(ErrorProblems.class)
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An OAuth2 access token (JWT) from the identity provider, with claims roles and cities: publishing for a city needs the token of one of its officers (the city in its 'cities' claim).")
@OpenAPIDefinition(info = @Info(title = "CityPromise inventory-service", version = "v1",
        description = "Cities, their GPC inventories, mitigation targets and own emission factors, published by city climate officers. Every change is announced on Kafka topic inventory-events (CloudEvents). Errors are RFC 9457 problem+json naming the field."))
@EnableScheduling
public class InventoryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryServiceApplication.class, args);
    }
}

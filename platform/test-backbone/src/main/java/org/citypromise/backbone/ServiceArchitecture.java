package org.citypromise.backbone;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every service keeps, checked by its {@code ArchitectureTest}. A service is a small house:
 * a {@code domain} core in plain Java, an {@code application} layer that runs the use cases, adapters named
 * for what they touch ({@code web}, {@code messaging}, {@code store}) and the root package, which only wires
 * them together (the main class, configuration). Dependencies point one way: web → application → domain,
 * messaging and store → domain, nothing → web, and no cycle between any two packages.
 */
public final class ServiceArchitecture {

    private final String base;

    private ServiceArchitecture(String base) {
        this.base = base;
    }

    /** The rules for the service whose root package is {@code base}, e.g. {@code org.citypromise.pledge}. */
    public static ServiceArchitecture of(String base) {
        return new ServiceArchitecture(base);
    }

    /** The service's production classes (tests left out: they may reach anywhere). */
    public JavaClasses productionClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(base);
    }

    public List<ArchRule> rules() {
        return List.of(
                slices().matching(base + ".(*)..").namingSlices("$1")
                        .should().beFreeOfCycles()
                        .as("no cycle between the packages of " + base),
                noClasses().that().resideInAPackage(base + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                                "tools.jackson..", "com.fasterxml.jackson..", "io.micrometer..", "jakarta..",
                                "io.cloudevents..", "org.citypromise.kit..")
                        .as("the domain is plain Java: no Spring, Kafka, MongoDB, JSON or metrics"),
                noClasses().that().resideInAPackage(base + ".domain..")
                        .should().dependOnClassesThat().resideOutsideOfPackages(base + ".domain..", "java..")
                        .as("the domain depends on nothing of the service outside it"),
                noClasses().that().resideOutsideOfPackages(base + ".web..", base)
                        .should().dependOnClassesThat().resideInAPackage(base + ".web..")
                        .as("nothing but the wiring depends on web"),
                noClasses().that().resideInAPackage(base + ".web..")
                        .should().dependOnClassesThat().resideInAnyPackage(base + ".store..", base + ".messaging..")
                        .as("web reaches the store and the topics only through the application layer"),
                noClasses().that().resideInAnyPackage(base + ".web..", base + ".store..", base + ".messaging..",
                                base + ".application..", base + ".domain..")
                        .should().dependOnClassesThat().resideInAPackage(base)
                        .as("the root package wires the service; nothing depends on it"),
                noClasses().that().resideInAPackage(base + ".store..")
                        .should().dependOnClassesThat().resideInAnyPackage(base + ".messaging..", base + ".application..")
                        .as("the store maps documents to the domain and knows nothing of messages or use cases"));
    }

    /** Every rule's violations, one block per broken rule; empty when the service keeps them all. */
    public String violations() {
        JavaClasses classes = productionClasses();
        StringBuilder report = new StringBuilder();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                report.append(result.getFailureReport().toString()).append(System.lineSeparator());
            }
        }
        return report.toString();
    }
}

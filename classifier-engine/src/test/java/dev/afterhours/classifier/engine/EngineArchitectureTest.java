package dev.afterhours.classifier.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine stays a plain library of packages without cycles, which the service and the tools can build on. */
@AnalyzeClasses(packages = "dev.afterhours.classifier", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {

    /** classification reads model and text, model reads text, and nothing reads back up. */
    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("dev.afterhours.classifier.(*)..")
            .should().beFreeOfCycles();

    /** The decision runs anywhere: in the service, in the training tools, in a benchmark, without a broker. */
    @ArchTest
    static final ArchRule noSpringNoKafka = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "io.apicurio..", "dev.afterhours.kafka..", "dev.afterhours.contracts.serde..",
                    "dev.afterhours.directory.follow..")
            .because("the engine is the decision alone; Kafka and Spring belong to classifier-service");
}

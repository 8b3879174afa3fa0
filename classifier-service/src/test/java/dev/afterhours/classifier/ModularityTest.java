package dev.afterhours.classifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The service's features and the engine's packages, together, without cycles: corrections read the classified
 * topic the pipeline writes, the pipeline asks the engine, and nothing points back. The service's classes are
 * imported from here and the engine's from its jar.
 */
@AnalyzeClasses(packages = "dev.afterhours.classifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTest {

    @ArchTest
    static final ArchRule featuresFormNoCycles = slices().matching("dev.afterhours.classifier.(*)..")
            .should().beFreeOfCycles();

    /** The training tools (corpus, training, evaluation) serve the build; the service runs on their output only. */
    @ArchTest
    static final ArchRule noTrainingCodeAtRunTime = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.afterhours.classifier.training..");
}

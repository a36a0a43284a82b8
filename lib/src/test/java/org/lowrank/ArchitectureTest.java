package org.lowrank;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The lib's layering (CONTRIBUTING.md, "Layering"), bottom to top:
 * <pre>
 *   linalg → rank → random, optim, expand, data → experiment, train, models → claims → notebook, plot
 * </pre>
 * A package may use packages of its own layer or below, never above, and package dependencies have no cycles.
 */
class ArchitectureTest {
    private static final String ROOT = "org.lowrank";

    /** The layering rule; packages of one layer may use each other (cycles are caught by {@link #NO_CYCLES}). */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
            .layer("linalg").definedBy(ROOT + ".linalg..")
            .layer("rank").definedBy(ROOT + ".rank..")
            .layer("domain").definedBy(ROOT + ".random..", ROOT + ".optim..", ROOT + ".expand..", ROOT + ".data..", ROOT + ".backend..")
            .layer("experiments").definedBy(ROOT + ".experiment..", ROOT + ".train..", ROOT + ".models..", ROOT + ".sensing..")
            .layer("claims").definedBy(ROOT + ".claims..")
            .layer("presentation").definedBy(ROOT + ".notebook..", ROOT + ".plot..", ROOT + ".reproduce..")
            .whereLayer("presentation").mayNotBeAccessedByAnyLayer()
            .whereLayer("claims").mayOnlyBeAccessedByLayers("presentation")
            .whereLayer("experiments").mayOnlyBeAccessedByLayers("claims", "presentation")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("experiments", "claims", "presentation")
            .whereLayer("rank").mayOnlyBeAccessedByLayers("domain", "experiments", "claims", "presentation")
            .whereLayer("linalg").mayOnlyBeAccessedByLayers("rank", "domain", "experiments", "claims", "presentation");

    /** No cycles between the lib's top-level packages. */
    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    private static final JavaClasses LIB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(ROOT);

    @Test
    void noUpwardImports() {
        LAYERS.check(LIB);
    }

    /** Every top-level package of the lib is in a layer: a new package cannot escape the layering unnoticed. */
    @Test
    void everyPackageIsInALayer() {
        java.util.Set<String> layered = java.util.Set.of("linalg", "rank", "random", "optim", "expand", "data", "backend",
                "experiment", "train", "models", "sensing", "claims", "notebook", "plot", "reproduce");
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (var c : LIB) {
            String rest = c.getPackageName().substring(ROOT.length());
            if (rest.startsWith(".")) found.add(rest.substring(1).split("\\.")[0]);
        }
        found.removeAll(layered);
        assertTrue(found.isEmpty(), "packages in no layer of ArchitectureTest.LAYERS: " + found);
    }

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(LIB);
    }

    @Test
    void theRulesCatchViolations() {
        // A fixture in org.lowrank.rank (test sources) that uses org.lowrank.claims: an upward import.
        JavaClasses upward = new ClassFileImporter().importClasses(org.lowrank.rank.UpwardImportFixture.class,
                org.lowrank.claims.ComparisonTable.class);
        assertTrue(LAYERS.evaluate(upward).hasViolation(), "an upward import must be reported");
        // Two fixtures in sibling packages that use each other: a cycle.
        JavaClasses cycle = new ClassFileImporter().importClasses(org.lowrank.optim.CycleFixtureA.class,
                org.lowrank.random.CycleFixtureB.class);
        assertTrue(NO_CYCLES.evaluate(cycle).hasViolation(), "a package cycle must be reported");
        assertFalse(LAYERS.evaluate(LIB).hasViolation(), LAYERS.evaluate(LIB).getFailureReport().toString());
    }
}

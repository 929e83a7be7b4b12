package dev.latch.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The habits of STYLE.md and ARCHITECTURE.md that a machine can check, over the production classes.
 */
@AnalyzeClasses(packages = "dev.latch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * What every feature may use of another's boundary; Problems too, so every mapper answers
     * problem+json alike.
     */
    static final Set<String> SHARED_KIT =
            Set.of(
                    "dev.latch.audit.boundary.Audited",
                    "dev.latch.platform.boundary.Page",
                    "dev.latch.platform.boundary.PageRequest",
                    "dev.latch.platform.boundary.PathIds",
                    "dev.latch.platform.boundary.Problems",
                    "dev.latch.security.boundary.LastUseQuery");

    private static final Pattern FEATURE = Pattern.compile("dev\\.latch\\.([a-z]+)\\.([a-z]+).*");

    @ArchTest
    static final ArchRule featuresDependOnEachOtherWithoutCycles =
            slices().matching("dev.latch.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule entitiesAndControlsNeverUseABoundary =
            noClasses()
                    .that()
                    .resideInAnyPackage("..entity..", "..control..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("..boundary..");

    @ArchTest
    static final ArchRule anotherFeaturesBoundaryOnlyThroughTheSharedKit =
            classes().should(useNoOtherFeaturesBoundaryButTheSharedKit());

    /** The CLI is a client: its jar (see pom.xml) holds dev.latch.cli and these pure rules only. */
    static final Set<String> SHARED_WITH_THE_CLI =
            Set.of(
                    "dev.latch.platform.control.Ttl",
                    "dev.latch.platform.control.LatchException",
                    "dev.latch.platform.control.ErrorCode");

    @ArchTest
    static final ArchRule theCliUsesNoServerCodeButThePureRules =
            classes()
                    .that()
                    .resideInAPackage("dev.latch.cli..")
                    .should()
                    .onlyDependOnClassesThat(
                            resideOutsideOfPackage("dev.latch..")
                                    .or(resideInAPackage("dev.latch.cli.."))
                                    .or(
                                            describe(
                                                    "are shared with the CLI",
                                                    c ->
                                                            SHARED_WITH_THE_CLI.contains(
                                                                    c.getName()))));

    @ArchTest
    static final ArchRule theServerNeverUsesTheCli =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.latch.cli..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.latch.cli..");

    @ArchTest
    static final ArchRule noCeremonyNames =
            noClasses()
                    .should()
                    .haveSimpleNameEndingWith("Impl")
                    .orShould()
                    .haveSimpleNameEndingWith("Manager")
                    .orShould()
                    .haveSimpleNameEndingWith("Service")
                    .orShould()
                    .haveSimpleNameEndingWith("Dao");

    private static ArchCondition<JavaClass> useNoOtherFeaturesBoundaryButTheSharedKit() {
        return new ArchCondition<>(
                "use no other feature's boundary but the shared kit " + SHARED_KIT) {
            @Override
            public void check(JavaClass source, ConditionEvents events) {
                Optional<String> own = feature(source).map(f -> f[0]);
                for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Optional<String[]> theirs = feature(target);
                    if (theirs.isPresent()
                            && theirs.get()[1].equals("boundary")
                            && !theirs.get()[0].equals(own.orElse(""))
                            && !SHARED_KIT.contains(target.getName())) {
                        events.add(
                                SimpleConditionEvent.violated(
                                        dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {feature, role} of a class under dev.latch.<feature>.<role>. */
    private static Optional<String[]> feature(JavaClass type) {
        Matcher m = FEATURE.matcher(type.getName());
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }
}
